using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Chat;

/// <summary>The agent chosen for the next turn and why (as Agent Framework's <c>GroupChatManagerResult</c>).</summary>
public sealed record SelectionResult(Agent Agent, string Reason);
