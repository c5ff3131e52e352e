using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// Refuses <c>--llm-mode replay</c> against a database (or, with <c>Llm:Cache:Redis</c>, a Redis) without recordings
/// before a run is created, so the mistake is one line and exit code 2 with nothing stored, not a failed run after the
/// first decision. Recordings in Redis serve any database, a new one too.
/// </summary>
internal sealed class ReplayRecordings(IOptions<ModelPipelineOptions> options, ExistingDatabase database, ILlmCacheStore store)
{
    /// <summary>Why replay cannot start, or null when it can (or the mode is not replay).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode != LlmMode.Replay)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(options.Value.Cache.Redis))
        {
            return await store.IsEmptyAsync(cancellationToken)
                ? $"--llm-mode replay: Redis ({LlmCacheOptions.RedisKey}, key prefix '{options.Value.Cache.RedisKeyPrefix}') holds no recorded model answers or cannot be reached; record the run first with --llm-mode record against the same Redis"
                : null;
        }

        const string Hint = "record the run first with --llm-mode record against the same --db";
        try
        {
            await database.EnsureAsync(cancellationToken);
        }
        catch (JournalUnavailableException e)
        {
            return $"--llm-mode replay: {e.Message}; {Hint}";
        }

        return await store.IsEmptyAsync(cancellationToken) ? $"--llm-mode replay: the database holds no recorded model answers; {Hint}" : null;
    }
}
