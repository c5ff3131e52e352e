using System.Collections.Concurrent;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A clock whose waits finish at once: every timer fires immediately and moves the clock forward by its due time,
/// and the requested waits are recorded, so tests can check a 429's Retry-After was honoured without sleeping.
/// </summary>
internal sealed class InstantTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _elapsedTicks;

    /// <summary>Every wait requested, in order.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    /// <summary>Moves the clock forward without a wait being requested.</summary>
    public void Advance(TimeSpan time) => Interlocked.Add(ref _elapsedTicks, time.Ticks);

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
            Interlocked.Add(ref _elapsedTicks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
