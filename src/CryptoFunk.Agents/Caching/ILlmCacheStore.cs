namespace CryptoFunk.Agents.Caching;

/// <summary>
/// Where model answers are kept for the exact cache, the similarity tier and record/replay: the database
/// (<see cref="DatabaseLlmCacheStore"/>, the default) or Redis (<see cref="RedisLlmCacheStore"/>, shared by every
/// process that uses the same server).
/// </summary>
public interface ILlmCacheStore
{
    /// <summary>The answer stored under <paramref name="key"/>, or null.</summary>
    ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads every stored answer into memory at once, so the lookups that follow never reach the store: replay calls
    /// it once per run, since recordings do not change while they are replayed.
    /// </summary>
    Task PreloadAsync(CancellationToken cancellationToken);

    /// <summary>Whether the store holds no answer at all: replay refuses to start on an empty one instead of failing at its first call.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) an answer; it is found by lookups at once, and is durable once the store is flushed.</summary>
    Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>
    /// The most similar answered (not failed) request of <paramref name="agent"/> in the same symbol, timeframe and
    /// position state, made before <paramref name="context"/>'s decision time, whose similarity is at least
    /// <paramref name="threshold"/>; null when there is none.
    /// </summary>
    Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken);
}
