using System.Text.Json;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// One agent's answer with everything a stored decision needs to explain and account for it: the message, the
/// structured output it was validated into, where it came from, whether it is degraded, the prompt version, tokens,
/// cost and latency. An agent that could not give a valid answer abstains (<see cref="Abstained"/>): it is never
/// turned into a neutral vote.
/// </summary>
public sealed record AgentResponse
{
    /// <summary>The agent that answered.</summary>
    public required string AgentName { get; init; }

    /// <summary>The answer as a chat message (author = agent name); its text is the JSON the agent returned.</summary>
    public required ChatMessage Message { get; init; }

    /// <summary>The validated structured output, or null when the agent abstained or has no output schema.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>
    /// The answer as a typed value when code produced it (the rules engine), so readers take it as it is instead of
    /// parsing <see cref="Output"/>; null for a model's answer.
    /// </summary>
    public AgentAnswer? Answer { get; init; }

    /// <summary>Where the answer came from.</summary>
    public required ResponseSource Source { get; init; }

    /// <summary>True when the answer did not come from a live model as configured (fallback, or an abstention).</summary>
    public bool Degraded { get; init; }

    /// <summary>Why the agent abstained; null when it answered.</summary>
    public string? AbstainReason { get; init; }

    /// <summary>True when the agent abstained because it had not answered by its <see cref="AgentDeadline"/>.</summary>
    public bool MissedDeadline { get; init; }

    /// <summary>Content hash of the prompt file the answer was produced with.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>Tokens read and written, summed over every model call this answer took (tool rounds, repairs).</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Cost in US dollars of the model calls behind this answer.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Model calls behind this answer (tool rounds and a repair count each), by how they were served.</summary>
    public ModelCallCounts Calls { get; init; }

    /// <summary>Wall time from invocation to answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>True when the agent gave no usable answer.</summary>
    public bool Abstained => AbstainReason is not null;
}
