using CryptoFunk.Agents.Caching;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>The answer cache (configuration section <c>Llm:Cache</c>).</summary>
public sealed class LlmCacheOptions
{
    /// <summary>The configuration key of <see cref="Redis"/>, which holds a secret when the server has a password.</summary>
    public const string RedisKey = $"{ModelPipelineOptions.Section}:Cache:{nameof(Redis)}";

    /// <summary>Serve exact hits instead of calling a provider (live mode).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Minimum similarity (0..1) of market-state features for the similarity tier; null (the default) turns the tier
    /// off. The design document's example is 0.95.
    /// </summary>
    public double? SimilarityThreshold { get; set; }

    /// <summary>Agents the similarity tier never serves; by default the risk agent, whose answers must fit the exact state.</summary>
    public List<string> SimilarityExcludedAgents { get; set; } = ["risk_management"];

    /// <summary>
    /// A StackExchange.Redis connection string (<c>127.0.0.1:6379</c>, <c>host:6380,password=...,ssl=true</c>): when set,
    /// answers and recordings live in Redis instead of the database, shared by every process that uses it.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key the cache writes, so several projects or environments can share one server.</summary>
    public string RedisKeyPrefix { get; set; } = "cryptofunk:";

    /// <summary>
    /// How long a live-mode answer stays in Redis (the design document's hour): a market an hour on is another
    /// question. Recordings never expire.
    /// </summary>
    public TimeSpan LiveTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every problem with the cache settings, one sentence each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Redis) && RedisConnectionString.Problem(Redis) is { } problem)
        {
            errors.Add($"{RedisKey} is not a StackExchange.Redis connection string (host:port[,password=...][,ssl=true]): {problem}");
        }

        if (LiveTtl <= TimeSpan.Zero)
        {
            errors.Add($"{ModelPipelineOptions.Section}:Cache:{nameof(LiveTtl)} must be positive (got {LiveTtl:c})");
        }

        if (string.IsNullOrEmpty(RedisKeyPrefix))
        {
            errors.Add($"{ModelPipelineOptions.Section}:Cache:{nameof(RedisKeyPrefix)} must not be empty");
        }

        return errors;
    }
}
