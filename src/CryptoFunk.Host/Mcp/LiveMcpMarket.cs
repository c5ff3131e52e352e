using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// A market live from the exchange's public API: the first call fetches <see cref="MarketHistory.WarmUpBars"/> closed
/// bars (so every indicator is defined), later calls fetch only bars that closed since, and "now" is the wall clock.
/// </summary>
internal sealed class LiveMcpMarket(IExchange exchange, MarketSymbol symbol, Timeframe timeframe, TimeProvider time) : McpMarket
{
    private readonly List<Candle> _candles = [];
    private MarketHistory? _history;

    public override MarketSymbol Symbol => symbol;

    public override string Source => $"{exchange.Name} live {timeframe}";

    /// <exception cref="ExchangeException">The exchange could not be reached or refused.</exception>
    public override async Task<(MarketHistory History, DateTimeOffset Now)> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bar = timeframe.Duration;
        var latestClose = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % bar.Ticks), TimeSpan.Zero);
        var from = _candles.Count > 0 ? _candles[^1].OpenTime + bar : latestClose - (bar * MarketHistory.WarmUpBars);
        if (_history is null || from < latestClose)
        {
            // Open times before the latest close: closed bars only, never the one forming now.
            _candles.AddRange(await exchange.GetCandlesAsync(symbol, timeframe, from, latestClose, null, cancellationToken));
            _history = new MarketHistory(symbol, timeframe, [.. _candles]);
        }

        return (_history, now);
    }
}
