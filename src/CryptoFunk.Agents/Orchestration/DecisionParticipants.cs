using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>The group chat's participants: the analysts and the strategists (each answering in parallel) and the risk agent.</summary>
/// <param name="Analysis">Analysis agents; their signals are the consensus vote.</param>
/// <param name="Strategy">Strategy agents; their proposals compete.</param>
/// <param name="Risk">Reviews the chosen proposal.</param>
public sealed record DecisionParticipants(ParallelAgentGroup Analysis, ParallelAgentGroup Strategy, Agent Risk)
{
    /// <summary>The three in turn order, as the chat's agent list.</summary>
    public IReadOnlyList<Agent> All => [Analysis, Strategy, Risk];

    /// <summary>Which stage <paramref name="agentName"/> answers in.</summary>
    public AgentRole RoleOf(string agentName) =>
        Analysis.Members.Any(a => a.Name == agentName) ? AgentRole.Analysis
        : Strategy.Members.Any(a => a.Name == agentName) ? AgentRole.Strategy
        : agentName == Risk.Name ? AgentRole.Risk
        : throw new ArgumentException($"{agentName} takes no part in this decision", nameof(agentName));
}
