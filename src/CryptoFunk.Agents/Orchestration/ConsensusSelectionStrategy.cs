using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Chat;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// The decision's turn order as a selection strategy: the analysis agents first (in parallel); once their
/// confidence-weighted vote reaches the threshold, the strategy agents (in parallel) with the votes; then the risk
/// agent with the best proposal and the risk numbers code computed for it. Each selection says why.
/// </summary>
public sealed class ConsensusSelectionStrategy(DeliberationReader reader, RiskGate gate, RiskLimitsOptions limits) : SelectionStrategy
{
    /// <inheritdoc />
    protected override Task<SelectionResult> SelectAgentAsync(IReadOnlyList<Agent> agents, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        var state = reader.Read(history);
        var participants = reader.Participants;
        var context = reader.Context;
        if (state.Consensus is null)
        {
            return Task.FromResult(new SelectionResult(
                participants.Analysis,
                $"analysis first: {string.Join(", ", participants.Analysis.Members.Select(a => a.Name))} in parallel"));
        }

        if (state.Conclusion is { } done)
        {
            throw new InvalidOperationException($"the decision is already concluded: {done.Reason}");
        }

        if (state.Choice is null)
        {
            return Task.FromResult(new SelectionResult(participants.Strategy, $"{state.Consensus.Describe()}; strategy agents propose trades")
            {
                Arguments = new Dictionary<string, object?>
                {
                    ["analysis_summary"] = DeliberationText.AnalysisSummary(state.Consensus),
                    ["position_context"] = DeliberationText.Position(context),
                },
            });
        }

        var proposal = state.Choice.Best!;
        var trade = proposal.ToTrade(context.Symbol, context.Price);
        var preview = gate.Evaluate(trade, context.Portfolio, context.MarketCheck, llmApprovedQuantity: null, llmApproved: true);
        return Task.FromResult(new SelectionResult(participants.Risk, $"{state.Choice.Reason}; the risk agent reviews it")
        {
            Arguments = new Dictionary<string, object?>
            {
                ["proposal_context"] = DeliberationText.Proposal(proposal, trade, preview),
                ["portfolio_context"] = DeliberationText.Portfolio(context.Portfolio, limits),
            },
            Situation = context.Situation with { Review = new TradeUnderReview(trade, preview, context.Portfolio) },
        });
    }
}
