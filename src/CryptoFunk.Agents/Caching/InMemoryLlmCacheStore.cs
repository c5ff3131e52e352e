using System.Collections.Concurrent;

namespace CryptoFunk.Agents.Caching;

/// <summary>A process-local store: the front of the database store, and the store of tests and benchmarks.</summary>
public sealed class InMemoryLlmCacheStore : ILlmCacheStore
{
    private readonly ConcurrentDictionary<string, StoredAnswer> _answers = new(StringComparer.Ordinal);

    /// <summary>Number of stored answers.</summary>
    public int Count => _answers.Count;

    /// <inheritdoc />
    public ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_answers.GetValueOrDefault(key));

    /// <inheritdoc />
    public Task PreloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Task.FromResult(_answers.IsEmpty);

    /// <inheritdoc />
    public Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken)
    {
        _answers[answer.Key] = answer;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken) =>
        Task.FromResult(MostSimilar(AnswersOf(agent), context, threshold));

    /// <summary>The answers of <paramref name="agent"/>.</summary>
    internal IEnumerable<StoredAnswer> AnswersOf(string agent) => _answers.Values.Where(a => a.Agent == agent);

    /// <summary>The best candidate that passes every rule of the similarity tier.</summary>
    internal static StoredAnswer? MostSimilar(IEnumerable<StoredAnswer> candidates, CacheContext context, double threshold) =>
        candidates
            .Where(a => a.Response is not null && a.Context is { } c
                && c.Symbol == context.Symbol && c.Timeframe == context.Timeframe && c.PositionState == context.PositionState
                && c.DecisionTime < context.DecisionTime)
            .Select(a => (Answer: a, Similarity: FeatureSimilarity.Of(a.Context!.Features, context.Features)))
            .Where(x => x.Similarity >= threshold)
            .OrderByDescending(x => x.Similarity).ThenByDescending(x => x.Answer.Context!.DecisionTime).ThenBy(x => x.Answer.Key, StringComparer.Ordinal)
            .Select(x => x.Answer)
            .FirstOrDefault();
}
