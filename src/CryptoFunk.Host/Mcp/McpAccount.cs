using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Host.Mcp;

/// <summary>The account the portfolio (and, when allowed, order) tools work on.</summary>
internal abstract class McpAccount
{
    /// <summary>What the account is, for logs and the server's instructions.</summary>
    public abstract string Description { get; }

    /// <summary>True when orders may be placed in it.</summary>
    public abstract bool AcceptsOrders { get; }

    /// <summary>The account as of <paramref name="now"/>, having seen the candles of <paramref name="history"/> closed by then.</summary>
    public abstract Task<IBroker> CurrentAsync(MarketHistory history, DateTimeOffset now, CancellationToken cancellationToken);
}
