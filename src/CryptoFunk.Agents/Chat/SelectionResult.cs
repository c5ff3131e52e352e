using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Chat;

/// <summary>
/// The agent chosen for the next turn and why (as Agent Framework's <c>GroupChatManagerResult</c>), with the inputs
/// code computed for that turn only (for example the proposal the risk agent reviews).
/// </summary>
public sealed record SelectionResult(Agent Agent, string Reason)
{
    /// <summary>Prompt arguments added to the chat's own for this turn; empty when the turn needs nothing extra.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>The decision situation for this turn (with the trade under review); null to keep the chat's own.</summary>
    public DecisionSituation? Situation { get; init; }
}
