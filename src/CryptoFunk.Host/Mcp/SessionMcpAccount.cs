using System.Globalization;
using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// The server's own paper account, living as long as the server: it is fed each candle once it has closed, so
/// positions are marked and orders fill (at the next bar's open, as in backtests) only with bars after they were placed.
/// </summary>
internal sealed class SessionMcpAccount(PaperBroker broker) : McpAccount
{
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"a paper account of this session, cash {broker.Cash}");

    public override bool AcceptsOrders => true;

    public override Task<IBroker> CurrentAsync(MarketHistory history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = history.LastClosedIndex(now);
        // The account opens at the first call, at the latest closed bar; later calls settle the bars closed since.
        var first = broker.LastCandle(history.Symbol) is { } seen ? history.LastClosedIndex(seen.OpenTime + history.Timeframe.Duration) + 1 : last;
        for (var i = Math.Max(first, 0); i <= last; i++)
        {
            broker.OnCandle(history.Symbol, history.Candles[i]);
        }

        return Task.FromResult<IBroker>(broker);
    }
}
