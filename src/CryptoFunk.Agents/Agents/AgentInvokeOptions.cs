using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Per-call inputs to an agent, as SK's <c>AgentInvokeOptions</c>: the prompt arguments (the structured market
/// context built by code) and optional extra tools for this call.
/// </summary>
public sealed record AgentInvokeOptions
{
    /// <summary>Values for the prompt's input variables.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>Tools added to the agent's own for this call only.</summary>
    public IReadOnlyList<AITool> AdditionalTools { get; init; } = [];

    /// <summary>The market state of the decision, for the cache's similarity tier and the call log.</summary>
    public CacheContext? MarketState { get; init; }
}
