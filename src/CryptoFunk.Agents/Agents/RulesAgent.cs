using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// An agent that is only the rules engine: the "rules alone" baseline a backtest shows next to the agents, run through
/// the same group chat, consensus and risk gate so the comparison isolates what the models add.
/// </summary>
public sealed class RulesAgent : Agent
{
    /// <summary>The rule answering for this agent; null when none does (the agent then abstains).</summary>
    public AgentRule? Rule { get; init; }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield return options.Situation is { } situation && Rule?.Answer(situation) is { } answer
            ? AgentResponses.Rules(answer)
            : AgentResponses.Abstain(Name, "no rule applies");
    }
}
