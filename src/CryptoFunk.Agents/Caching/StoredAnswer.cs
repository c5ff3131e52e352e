using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Caching;

/// <summary>A model answer (or a recorded failure) kept by an <see cref="ILlmCacheStore"/>.</summary>
public sealed record StoredAnswer
{
    /// <summary>The exact-match key (see the model pipeline's <c>LlmCacheKey</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The agent that asked.</summary>
    public required string Agent { get; init; }

    /// <summary>Prompt content hash.</summary>
    public required string PromptVersion { get; init; }

    /// <summary>Provider and model that answered (<c>name/model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The answer; null for a recorded failure.</summary>
    public ChatResponse? Response { get; init; }

    /// <summary>Why every provider failed, for a recorded failure.</summary>
    public string? Error { get; init; }

    /// <summary>The market state of the request, for the similarity tier.</summary>
    public CacheContext? Context { get; init; }

    /// <summary>Cost of the original call.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
