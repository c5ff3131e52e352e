using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Storage;

/// <summary>Stores call records in the database in the background.</summary>
public sealed class DatabaseLlmCallLog(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, ILogger<DatabaseLlmCallLog> logger)
    : ILlmCallLog, IAsyncDisposable
{
    private readonly BatchingWriter<LlmCallRecord> _writer = new(contexts, migrator, logger, capacity: 100_000, call => call);

    /// <inheritdoc />
    public void Add(LlmCallRecord call) => _writer.Enqueue(call);

    /// <summary>Waits until every call recorded so far is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
