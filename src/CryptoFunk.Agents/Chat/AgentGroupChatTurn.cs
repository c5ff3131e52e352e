using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Chat;

/// <summary>One turn of a group chat: who was selected and why, what they answered, and whether the chat ended and why.</summary>
public sealed record AgentGroupChatTurn(
    int Iteration,
    SelectionResult Selection,
    IReadOnlyList<AgentResponse> Responses,
    TerminationResult Termination);
