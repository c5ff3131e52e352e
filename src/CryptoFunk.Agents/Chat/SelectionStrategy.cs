using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Chat;

/// <summary>
/// Chooses which agent takes the next turn of an <see cref="AgentGroupChat"/>, as Semantic Kernel's
/// <c>SelectionStrategy</c>: the public <see cref="NextAsync"/> guards the call, subclasses implement
/// <see cref="SelectAgentAsync"/> and say why they chose.
/// </summary>
public abstract class SelectionStrategy
{
    /// <summary>The agent for the first turn, when set; later turns ask <see cref="SelectAgentAsync"/>.</summary>
    public Agent? InitialAgent { get; init; }

    /// <summary>True once an agent has been selected in the current chat.</summary>
    public bool HasSelected { get; private set; }

    /// <summary>Selects the next agent among <paramref name="agents"/>.</summary>
    public async Task<SelectionResult> NextAsync(IReadOnlyList<Agent> agents, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        if (agents.Count == 0)
        {
            throw new InvalidOperationException("the group chat has no agents to select from");
        }

        var result = !HasSelected && InitialAgent is not null
            ? new SelectionResult(InitialAgent, "initial agent")
            : await SelectAgentAsync(agents, history, cancellationToken);
        HasSelected = true;
        return result;
    }

    /// <summary>Forgets the selection state so the strategy can serve a new chat.</summary>
    public void Reset()
    {
        HasSelected = false;
        ResetCore();
    }

    /// <summary>The strategy's choice and its reason.</summary>
    protected abstract Task<SelectionResult> SelectAgentAsync(IReadOnlyList<Agent> agents, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken);

    /// <summary>Clears any state of the subclass; nothing by default.</summary>
    protected virtual void ResetCore()
    {
    }
}
