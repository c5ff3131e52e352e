using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// A stored paper account, read again at every call because its <c>paper</c> process may be trading it meanwhile.
/// It answers as of the account's last stored close, which must not lie after the served time (that would show the
/// future); the served market's positions are marked at its candle closed then, other markets' at their last decision.
/// </summary>
internal sealed class StoredMcpAccount(JournalQueries journal, string runId) : McpAccount
{
    public override string Description => $"the stored paper account {runId}, read only";

    public override bool AcceptsOrders => false;

    /// <exception cref="JournalUnavailableException">The database is gone.</exception>
    /// <exception cref="InvalidOperationException">The account is not stored, or its last close is after <paramref name="now"/>.</exception>
    public override async Task<IBroker> CurrentAsync(MarketHistory history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await journal.AccountAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"no paper account {runId} is stored");
        if (account.Equity?.Time is not { } lastClose)
        {
            return new StoredAccountBroker(account);
        }

        if (lastClose > now)
        {
            throw new InvalidOperationException($"{runId}'s last stored close {UtcTimestamp.Format(lastClose)} is after the served time {UtcTimestamp.Format(now)}; serve --at {UtcTimestamp.Format(lastClose)} or later");
        }

        var marks = new Dictionary<MarketSymbol, Candle>(account.LastCandles);
        if (history.LastClosedIndex(lastClose) is var index and >= 0)
        {
            marks[history.Symbol] = history.Candles[index];
        }

        return new StoredAccountBroker(account with { LastCandles = marks });
    }
}
