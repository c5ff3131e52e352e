using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>What the cache and the recorder keep of a call: a copy of its answer, or why it failed.</summary>
internal static class StoredAnswers
{
    public static StoredAnswer Answer(ModelCall call, AgentCallContext? agent, ChatResponse response, DateTimeOffset now) => new()
    {
        Key = call.CacheKey,
        Agent = agent?.Agent ?? string.Empty,
        PromptVersion = agent?.PromptVersion ?? string.Empty,
        Model = call.Provider ?? "none",
        Response = ChatResponseCopy.Of(response),
        Context = agent?.MarketState,
        CostUsd = call.CostUsd,
        CreatedAt = now,
    };

    public static StoredAnswer Failure(ModelCall call, AgentCallContext? agent, string error, DateTimeOffset now) => new()
    {
        Key = call.CacheKey,
        Agent = agent?.Agent ?? string.Empty,
        PromptVersion = agent?.PromptVersion ?? string.Empty,
        Model = "none",
        Error = error,
        Context = agent?.MarketState,
        CreatedAt = now,
    };
}
