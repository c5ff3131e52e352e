using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>Builds the responses every agent kind shares: an abstention that says why, and a rules answer.</summary>
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

    /// <summary>The rules engine's <paramref name="answer"/>: its JSON as the message and the stored output, the typed answer for the readers.</summary>
    public static AgentResponse Rules(AgentAnswer answer)
    {
        var output = answer.ToJson();
        return new AgentResponse
        {
            AgentName = answer.AgentName,
            Message = new ChatMessage(ChatRole.Assistant, output.GetRawText()) { AuthorName = answer.AgentName },
            Output = output,
            Answer = answer,
            Source = ResponseSource.Rules,
        };
    }
}
