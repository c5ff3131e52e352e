using System.Runtime.CompilerServices;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Rules;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// An agent that is only the rules engine: the "rules alone" baseline a backtest shows next to the agents, run through
/// the same group chat, consensus and risk gate so the comparison isolates what the models add.
/// </summary>
public sealed class RulesAgent : Agent
{
    /// <summary>The rules answering for this agent's name.</summary>
    public required IRulesEngine Rules { get; init; }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (Rules.Answer(Name, options.ArgumentsFor(Name)) is not { } answer)
        {
            yield return AgentResponses.Abstain(Name, "no rule applies");
            yield break;
        }

        yield return new AgentResponse
        {
            AgentName = Name,
            Message = new ChatMessage(ChatRole.Assistant, answer.Output.GetRawText()) { AuthorName = Name },
            Output = answer.Output,
            Source = ResponseSource.Rules,
        };
    }
}
