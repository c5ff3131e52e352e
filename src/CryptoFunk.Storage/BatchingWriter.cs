using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Storage;

/// <summary>
/// Writes rows to the database in batches from a background loop, so the code that produces them (a span ending,
/// a model call finishing) only enqueues; turning a queued item into its row also happens in the background. <see cref="FlushAsync"/> waits until everything queued so far is
/// written; disposing writes the rest. When the queue is full new rows are dropped and counted, never blocking
/// the caller.
/// </summary>
public sealed partial class BatchingWriter<T> : IAsyncDisposable
{
    private const int BatchSize = 256;

    /// <summary>How long the loop lets rows gather after the first one arrives, so rows are written in batches.</summary>
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(50);
    private readonly Channel<T> _queue;
    private readonly IDbContextFactory<CryptoFunkDbContext> _contexts;
    private readonly DatabaseMigrator _migrator;
    private readonly ILogger _logger;
    private readonly Func<T, object> _toRow;
    private readonly bool _replaceOnConflict;
    private readonly Task _loop;
    private long _dropped;
    private long _enqueued;
    private long _done;

    /// <summary>
    /// Starts the background loop; <paramref name="toRow"/> makes the entity stored for an item, and with
    /// <paramref name="replaceOnConflict"/> a row replaces the stored one with the same key (else a duplicate fails).
    /// </summary>
    public BatchingWriter(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, ILogger logger, int capacity, Func<T, object> toRow, bool replaceOnConflict = false)
    {
        _toRow = toRow;
        _replaceOnConflict = replaceOnConflict;
        _contexts = contexts;
        _migrator = migrator;
        _logger = logger;
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Rows dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a row.</summary>
    public void Enqueue(T row)
    {
        if (_queue.Writer.TryWrite(row))
        {
            Interlocked.Increment(ref _enqueued);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Waits until every row queued before the call has been written (or failed to be).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _done) < target && !_loop.IsCompleted)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Writes what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<T>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (_queue.Reader.Count < BatchSize && !_queue.Reader.Completion.IsCompleted)
            {
                await Task.Delay(GatherTime);
            }

            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            try
            {
                await _migrator.MigrateAsync(CancellationToken.None);
                await using var context = await _contexts.CreateDbContextAsync();
                await using var transaction = await context.Database.BeginTransactionAsync();
                foreach (var rows in batch.Select(_toRow).GroupBy(row => row.GetType()))
                {
                    await BulkInsert.InsertAsync(context, rows.Key, [.. rows], _replaceOnConflict, CancellationToken.None);
                }

                await transaction.CommitAsync();
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                LogWriteFailed(_logger, batch.Count, typeof(T).Name, e.Message);
            }
            finally
            {
                Interlocked.Add(ref _done, batch.Count);
                batch.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} {Kind} rows: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string kind, string reason);
}
