namespace CryptoFunk.Agents.Caching;

/// <summary>
/// How many answer-cache operations were skipped because the cache's server could not be reached: the run went on
/// without them (a lookup missed, an answer was not kept), and its summary says how often.
/// </summary>
public sealed class CacheUnavailableCounter
{
    private long _total;

    /// <summary>Operations skipped so far in this process.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one skipped operation; returns the new total.</summary>
    internal long Add() => Interlocked.Increment(ref _total);
}
