namespace CryptoFunk.Markets.Csv;

/// <summary>The candle file layouts CryptoFunk reads.</summary>
public enum CandleFileFormat
{
    /// <summary>CryptoFunk's own CSV: <c>timestamp,open,high,low,close,volume</c>, ISO-8601 UTC open times.</summary>
    Normalized,

    /// <summary>Binance's kline dump: 12 columns, open and close times in epoch milliseconds (microseconds from 2025).</summary>
    BinanceKlines,
}
