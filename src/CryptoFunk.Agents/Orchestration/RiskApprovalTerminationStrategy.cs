using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Chat;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// Ends a decision's chat as soon as its outcome is known, always with the reason: no quorum or no consensus (HOLD), nothing the
/// position can act on, no fitting proposal, a close (executed without review), risk rejection or risk approval
/// (execute within the code limits). The iteration limit of the base class ends anything else.
/// </summary>
public sealed class RiskApprovalTerminationStrategy(DeliberationReader reader) : TerminationStrategy
{
    /// <inheritdoc />
    protected override Task<TerminationResult> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        var state = reader.Read(history);
        return Task.FromResult(state.Conclusion is { } done
            ? TerminationResult.Terminate(done.Reason)
            : TerminationResult.Continue(state.Choice is null ? "waiting for the strategy agents" : "waiting for the risk review"));
    }
}
