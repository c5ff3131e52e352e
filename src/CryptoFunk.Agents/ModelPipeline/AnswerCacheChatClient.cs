using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.Telemetry;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The answer cache of live mode (the design document's fallback layer 2). An identical request, or with a
/// similarity threshold a request of the same market, timeframe and position state made earlier with features close
/// enough, is answered from the cache instead of a provider; what providers answer is kept. When every provider
/// fails, an exact or similar earlier answer is served marked degraded before the agent falls back to its rules.
/// </summary>
public sealed class AnswerCacheChatClient(IChatClient innerClient, ILlmCacheStore store, LlmCacheOptions cacheOptions, LlmMode mode, TimeProvider time)
    : PipelineChatClient(innerClient)
{
    /// <inheritdoc />
    protected override async Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (mode != LlmMode.Live)
        {
            return await InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }

        var call = CallOf(options);
        var agent = AgentCallContext.Of(options);
        if (cacheOptions.Enabled && await FindAsync(call, agent, fallback: false, cancellationToken) is { } hit)
        {
            return Serve(call, hit, degraded: false);
        }

        try
        {
            var response = await InnerClient.GetResponseAsync(messages, options, cancellationToken);
            if (cacheOptions.Enabled)
            {
                await store.PutAsync(StoredAnswers.Answer(call, agent, response, time.GetUtcNow()), cancellationToken);
            }

            return response;
        }
        catch (LlmUnavailableException)
        {
            if (await FindAsync(call, agent, fallback: true, cancellationToken) is { } fallback)
            {
                return Serve(call, fallback, degraded: true);
            }

            throw;
        }
    }

    private static ChatResponse Serve(ModelCall call, StoredAnswer answer, bool degraded)
    {
        call.Source = ResponseSource.Cache;
        call.Degraded = degraded;
        return ChatResponseCopy.Of(answer.Response!);
    }

    private async Task<StoredAnswer?> FindAsync(ModelCall call, AgentCallContext? agent, bool fallback, CancellationToken cancellationToken)
    {
        var agentName = agent?.Agent ?? string.Empty;
        if (await store.GetAsync(call.CacheKey, cancellationToken) is { Response: not null } exact)
        {
            AgentTelemetry.RecordCacheHit(agentName, fallback ? "exact-fallback" : "exact");
            return exact;
        }

        if (agent?.MarketState is { } state && cacheOptions.SimilarityThreshold is { } threshold
            && !cacheOptions.SimilarityExcludedAgents.Contains(agentName, StringComparer.OrdinalIgnoreCase)
            && await store.FindSimilarAsync(agentName, state, threshold, cancellationToken) is { } near)
        {
            AgentTelemetry.RecordCacheHit(agentName, fallback ? "similar-fallback" : "similar");
            return near;
        }

        return null;
    }
}
