using System.Threading.Channels;

namespace CryptoFunk.Storage;

/// <summary>
/// Hands items to a background loop that writes them in batches, so the code producing them (a span ending, a model
/// call finishing) only enqueues. At most <c>capacity</c> items are queued or being written at once; a producer that
/// finds the writer full waits for room (<see cref="EnqueueAsync"/>), or waits a bounded time and is told it was
/// refused (<see cref="TryEnqueue"/>), so nothing is ever lost without the producer knowing.
/// <see cref="FlushAsync"/> waits until everything queued so far is written; disposing writes the rest.
/// </summary>
public sealed class BatchingWriter<T> : IAsyncDisposable
{
    private const int BatchSize = 256;

    /// <summary>How long the loop lets items gather after the first one arrives, so they are written in batches.</summary>
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(50);
    // Not SingleReader: that channel cannot count what it holds, and the loop reads the count to gather batches.
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>();
    private readonly SemaphoreSlim _room;
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly int _fullBatch;
    private readonly Task _loop;
    private long _enqueued;
    private long _done;

    /// <summary>Starts the background loop; <paramref name="write"/> stores one batch and reports its own failures.</summary>
    public BatchingWriter(int capacity, Func<IReadOnlyList<T>, Task> write)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _room = new SemaphoreSlim(capacity, capacity);
        _write = write;
        _fullBatch = Math.Min(BatchSize, capacity);
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues an item, first waiting for room while the writer is full.</summary>
    /// <exception cref="ObjectDisposedException">The writer has been disposed.</exception>
    public async ValueTask EnqueueAsync(T item, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        ObjectDisposedException.ThrowIf(!TryAdd(item), this);
    }

    /// <summary>Queues an item, waiting at most <paramref name="wait"/> for room; false when it was not queued.</summary>
    public bool TryEnqueue(T item, TimeSpan wait) => _room.Wait(wait) && TryAdd(item);

    /// <summary>Waits until every item queued before the call has been written (or failed to be).</summary>
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

    private bool TryAdd(T item)
    {
        Interlocked.Increment(ref _enqueued);
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _enqueued);
        _room.Release();
        return false;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<T>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (_queue.Reader.Count < _fullBatch && !_queue.Reader.Completion.IsCompleted)
            {
                await Task.Delay(GatherTime);
            }

            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await _write(batch);
            }
            finally
            {
                // Room is given back only once the batch is written, so the capacity bounds what is held in memory.
                Interlocked.Add(ref _done, batch.Count);
                _room.Release(batch.Count);
                batch.Clear();
            }
        }
    }
}
