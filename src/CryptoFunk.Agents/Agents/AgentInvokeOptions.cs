using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Per-call inputs to an agent, as SK's <c>AgentInvokeOptions</c>: the prompt arguments (the texts code wrote for
/// the templates), the typed situation the rules read, and optional extra tools for this call.
/// </summary>
public sealed record AgentInvokeOptions
{
    /// <summary>Values for the prompt's input variables.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// Arguments for one agent only, by agent name, overriding <see cref="Arguments"/> (each agent's own memory of
    /// past decisions, while the group shares the market context).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> AgentArguments { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object?>>();

    /// <summary>What code knows of the decision, for the rules engine; null when the call is not about a decision.</summary>
    public DecisionSituation? Situation { get; init; }

    /// <summary>
    /// How long the agent may take for this call; a late agent abstains. A group holds each member to it, so the
    /// members that answered in time keep their answers. Null: no deadline.
    /// </summary>
    public AgentDeadline? Deadline { get; init; }

    /// <summary>Tools added to the agent's own for this call only.</summary>
    public IReadOnlyList<AITool> AdditionalTools { get; init; } = [];

    /// <summary>The market state of the decision, for the cache's similarity tier and the call log.</summary>
    public CacheContext? MarketState { get; init; }

    /// <summary>These options with <paramref name="extra"/> added to (or replacing) the shared arguments.</summary>
    public AgentInvokeOptions WithArguments(IReadOnlyDictionary<string, object?> extra) =>
        this with { Arguments = Merge(Arguments, extra) };

    /// <summary>The arguments <paramref name="agentName"/> renders its prompt with: shared ones, then its own.</summary>
    public IReadOnlyDictionary<string, object?> ArgumentsFor(string agentName) =>
        AgentArguments.TryGetValue(agentName, out var own) ? Merge(Arguments, own) : Arguments;

    private static Dictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> first, IReadOnlyDictionary<string, object?> second)
    {
        var merged = new Dictionary<string, object?>(first.Count + second.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in first)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in second)
        {
            merged[key] = value;
        }

        return merged;
    }
}
