using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// The strategy agents' best proposal for what the consensus and the position call for, and why it won: entries are
/// ranked by confidence times reward/risk (capped at 5; an entry without stop or target has no measurable reward and
/// ranks last), closes by confidence; ties go to the higher confidence, then to the earlier agent.
/// </summary>
/// <param name="Best">The winner, or null when no proposal fits.</param>
/// <param name="Wanted">What the decision needs: an entry in the consensus direction, or closing the position.</param>
/// <param name="Reason">Why it won, or why none fits.</param>
public sealed record ProposalChoice(StrategyProposal? Best, TradeAction Wanted, string Reason)
{
    private const double RewardToRiskCap = 5;

    /// <summary>Chooses among <paramref name="proposals"/> (in agent order).</summary>
    public static ProposalChoice Choose(IReadOnlyList<StrategyProposal> proposals, TradeAction consensus, DecisionContext context)
    {
        var wanted = WantedFor(consensus, context.Position);
        var fitting = proposals
            .Select((proposal, index) => (Proposal: proposal, Index: index, Score: Score(proposal, wanted, context.Price)))
            .Where(p => Fits(p.Proposal.Action, wanted, context.Position))
            .OrderByDescending(p => p.Score)
            .ThenByDescending(p => p.Proposal.Confidence)
            .ThenBy(p => p.Index)
            .ToList();
        var all = string.Join(", ", proposals.Select(p => $"{p.AgentName} {p.Action.ToWire()} {ContextFormat.Number(p.Confidence)}"));
        if (fitting.Count == 0)
        {
            return new ProposalChoice(null, wanted, $"no proposal to {Describe(wanted, context.Position)} [{(all.Length == 0 ? "no proposals" : all)}]");
        }

        var (best, _, score) = fitting[0];
        var reward = best.RewardToRisk(context.Price) is { } rr ? $", reward/risk {ContextFormat.Number(rr)}" : string.Empty;
        return new ProposalChoice(
            best,
            wanted,
            $"{best.AgentName} {best.Action.ToWire()} chosen to {Describe(wanted, context.Position)}: confidence {ContextFormat.Number(best.Confidence)}{reward}, score {ContextFormat.Number(score)} [{all}]");
    }

    private static TradeAction WantedFor(TradeAction consensus, Position? position) =>
        position is null ? consensus : TradeAction.Close;

    private static bool Fits(TradeAction action, TradeAction wanted, Position? position) => wanted switch
    {
        TradeAction.Close when position?.Side == PositionSide.Long => action is TradeAction.Close or TradeAction.Sell,
        TradeAction.Close => action is TradeAction.Close or TradeAction.Buy,
        _ => action == wanted,
    };

    private static double Score(StrategyProposal proposal, TradeAction wanted, decimal price) =>
        wanted == TradeAction.Close
            ? proposal.Confidence
            : proposal.Confidence * Math.Min(proposal.RewardToRisk(price) ?? 0, RewardToRiskCap);

    private static string Describe(TradeAction wanted, Position? position) => wanted switch
    {
        TradeAction.Close => $"close the {(position?.Side == PositionSide.Short ? "short" : "long")} position",
        TradeAction.Buy => "open a long position",
        _ => "open a short position",
    };
}
