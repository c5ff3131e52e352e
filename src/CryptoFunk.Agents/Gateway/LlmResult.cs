using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Gateway;

/// <summary>A model answer and how it was obtained.</summary>
public sealed record LlmResult
{
    /// <summary>The answer; its cost is attached (see <see cref="Functions.ChatResponseCost"/>).</summary>
    public required ChatResponse Response { get; init; }

    /// <summary>Where it came from: <c>llm:provider/model</c>, <c>cache</c> or <c>replay</c>.</summary>
    public required ResponseSource Source { get; init; }

    /// <summary>True when it is a fallback (a similar, not identical, cached answer after every provider failed).</summary>
    public bool Degraded { get; init; }

    /// <summary>The exact-match key of the request.</summary>
    public required string CacheKey { get; init; }

    /// <summary>US dollars this call cost (zero when no provider was called).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Attempts made across providers.</summary>
    public int Attempts { get; init; }

    /// <summary>Why earlier providers were passed over, in order (empty when the first one answered).</summary>
    public IReadOnlyList<string> Failovers { get; init; } = [];
}
