namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Counts the spans the local span store had no room for, so a run can report how many of its spans are missing
/// instead of losing them silently. One per process: a run reads it at its start and end.
/// </summary>
public sealed class SpanDropCounter
{
    private long _total;

    /// <summary>Spans dropped so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one dropped span; returns the new total.</summary>
    internal long Add() => Interlocked.Increment(ref _total);
}
