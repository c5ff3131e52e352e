using CryptoFunk.Markets;

namespace CryptoFunk.Host.Mcp;

/// <summary>A candle file served as of one fixed time (<c>--at</c>, or the close of its last candle).</summary>
internal sealed class FileMcpMarket(MarketHistory history, DateTimeOffset at, string path) : McpMarket
{
    public override MarketSymbol Symbol => history.Symbol;

    public override string Source => $"{path} as of {UtcTimestamp.Format(at)}";

    public override Task<(MarketHistory History, DateTimeOffset Now)> CurrentAsync(CancellationToken cancellationToken) =>
        Task.FromResult((history, at));
}
