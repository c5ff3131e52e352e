namespace CryptoFunk.Agents.Chat;

/// <summary>How an <see cref="AgentGroupChat"/> picks turns and when it stops, as SK's <c>AgentGroupChatSettings</c>.</summary>
public sealed class AgentGroupChatSettings
{
    /// <summary>Chooses the agent of each turn.</summary>
    public required SelectionStrategy SelectionStrategy { get; init; }

    /// <summary>Ends the chat.</summary>
    public required TerminationStrategy TerminationStrategy { get; init; }
}
