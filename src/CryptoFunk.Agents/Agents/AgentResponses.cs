using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>Builds the responses every agent kind shares: an abstention that says why.</summary>
public static class AgentResponses
{
    /// <summary>
    /// An agent that gives no usable answer: source <c>hold</c>, degraded, the reason kept. Consensus excludes it
    /// from the vote instead of counting it as neutral.
    /// </summary>
    public static AgentResponse Abstain(string agentName, string reason, string? promptVersion = null) => new()
    {
        AgentName = agentName,
        Message = new ChatMessage(ChatRole.Assistant, $"abstained: {reason}") { AuthorName = agentName },
        Source = ResponseSource.Hold,
        Degraded = true,
        AbstainReason = reason,
        PromptVersion = promptVersion,
    };
}
