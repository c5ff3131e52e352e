using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>The group chat's participants: the analysts and the strategists (each answering in parallel) and the risk agent.</summary>
/// <param name="Analysis">Analysis agents; their signals are the consensus vote.</param>
/// <param name="Strategy">Strategy agents; their proposals compete.</param>
/// <param name="Risk">Reviews the chosen proposal.</param>
public sealed record DecisionParticipants(ParallelAgentGroup Analysis, ParallelAgentGroup Strategy, Agent Risk)
{
    /// <summary>
    /// False when every agent is the rules engine alone: then no prompt is rendered, so the prompt texts (market
    /// context, memory) need not be built.
    /// </summary>
    public bool ReadPrompts { get; init; } = true;

    /// <summary>The three in turn order, as the chat's agent list.</summary>
    public IReadOnlyList<Agent> All => [Analysis, Strategy, Risk];

    /// <summary>Which stage <paramref name="agentName"/> answers in.</summary>
    public AgentRole RoleOf(string agentName) =>
        Roles.TryGetValue(agentName, out var role) ? role : throw new ArgumentException($"{agentName} takes no part in this decision", nameof(agentName));

    private Dictionary<string, AgentRole> Roles => field ??= Analysis.Members.Select(a => (a.Name, Role: AgentRole.Analysis))
        .Concat(Strategy.Members.Select(a => (a.Name, Role: AgentRole.Strategy)))
        .Append((Risk.Name, Role: AgentRole.Risk))
        .ToDictionary(a => a.Name, a => a.Role, StringComparer.Ordinal);
}
