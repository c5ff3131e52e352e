namespace CryptoFunk.Storage;

/// <summary>
/// Stores call records in the database in the background. When <paramref name="capacity"/> records are waiting, a
/// new one waits for room instead of being dropped: every billed call must be in the log, because the run's summary
/// is checked against it.
/// </summary>
public sealed class DatabaseLlmCallLog(BatchInserter inserter, int capacity = DatabaseLlmCallLog.DefaultCapacity) : ILlmCallLog, IAsyncDisposable
{
    /// <summary>Records waiting to be stored before new ones wait for room.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly BatchingWriter<LlmCallRecord> _writer = new(capacity, calls => inserter.TryInsertAsync(calls, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask AddAsync(LlmCallRecord call, CancellationToken cancellationToken) => _writer.EnqueueAsync(call, cancellationToken);

    /// <summary>Waits until every call recorded so far is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
