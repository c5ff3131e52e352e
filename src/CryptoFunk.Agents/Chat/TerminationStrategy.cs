using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Chat;

/// <summary>
/// Decides after each turn whether an <see cref="AgentGroupChat"/> is done, as Semantic Kernel's
/// <c>TerminationStrategy</c>: only turns of <see cref="Agents"/> (all agents when null) are evaluated, the chat
/// stops after <see cref="MaximumIterations"/> turns, and <see cref="AutomaticReset"/> lets a completed chat run again.
/// </summary>
public abstract class TerminationStrategy
{
    /// <summary>The most turns one <see cref="AgentGroupChat.InvokeAsync"/> runs; SK's default is 99.</summary>
    public int MaximumIterations { get; init; } = 99;

    /// <summary>When true, invoking a completed chat starts it again instead of failing.</summary>
    public bool AutomaticReset { get; init; }

    /// <summary>The agents whose turns may end the chat; null means every agent.</summary>
    public IReadOnlyList<Agent>? Agents { get; init; }

    /// <summary>Evaluates the turn <paramref name="agent"/> just took.</summary>
    public Task<TerminationResult> ShouldTerminateAsync(Agent agent, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        if (Agents is not null && !Agents.Contains(agent))
        {
            return Task.FromResult(TerminationResult.Continue($"{agent.Name} is not an agent whose turn can end the chat"));
        }

        return ShouldAgentTerminateAsync(agent, history, cancellationToken);
    }

    /// <summary>The strategy's own test, with its reason.</summary>
    protected abstract Task<TerminationResult> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken);
}
