using CryptoFunk.Markets;

namespace CryptoFunk.Host.Mcp;

/// <summary>The market the MCP tools serve and the time they answer as of, so every answer is point in time.</summary>
internal abstract class McpMarket
{
    /// <summary>The market.</summary>
    public abstract MarketSymbol Symbol { get; }

    /// <summary>Where the candles come from, for logs and the server's instructions.</summary>
    public abstract string Source { get; }

    /// <summary>The candles known now (possibly more, which the plugins never show) and the time "now" is.</summary>
    public abstract Task<(MarketHistory History, DateTimeOffset Now)> CurrentAsync(CancellationToken cancellationToken);
}
