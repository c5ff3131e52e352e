using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// A stored paper account, read again at every call because its <c>paper</c> process may be trading it meanwhile;
/// it answers as of the account's last stored close.
/// </summary>
internal sealed class StoredMcpAccount(JournalQueries journal, string runId) : McpAccount
{
    public override string Description => $"the stored paper account {runId}, read only";

    public override bool AcceptsOrders => false;

    /// <exception cref="JournalUnavailableException">The database is gone.</exception>
    /// <exception cref="InvalidOperationException">The account is not (any longer) stored.</exception>
    public override async Task<IBroker> CurrentAsync(MarketHistory history, DateTimeOffset now, CancellationToken cancellationToken) =>
        new StoredAccountBroker(await journal.AccountAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"no paper account {runId} is stored"));
}
