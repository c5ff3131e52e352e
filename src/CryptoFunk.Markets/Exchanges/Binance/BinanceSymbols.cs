namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>The one place where <c>BTC/USDT</c> becomes Binance's <c>BTCUSDT</c>.</summary>
internal static class BinanceSymbols
{
    public static string ToBinance(MarketSymbol symbol) => symbol.Base + symbol.Quote;
}
