using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// Where a decision's chat stands, read from its history: the analysts' consensus, the chosen proposal and the risk
/// verdict. Both the selection and the termination strategy read the chat through this, so they always agree on
/// what happened, and neither keeps state of its own.
/// </summary>
public sealed class Deliberation
{
    private Deliberation()
    {
    }

    /// <summary>Every agent response so far, in chat order.</summary>
    public IReadOnlyList<AgentResponse> Responses { get; private init; } = [];

    /// <summary>The analysts' vote, once they have answered.</summary>
    public Consensus? Consensus { get; private init; }

    /// <summary>The strategists' proposals (abstentions left out), once they have answered.</summary>
    public IReadOnlyList<StrategyProposal>? Proposals { get; private init; }

    /// <summary>The chosen proposal and why, once the strategists have answered.</summary>
    public ProposalChoice? Choice { get; private init; }

    /// <summary>The risk agent's response, once it has answered.</summary>
    public AgentResponse? RiskResponse { get; private init; }

    /// <summary>How the chat ended and why; null while it should go on.</summary>
    public (ChatConclusion Kind, string Reason)? Conclusion { get; private init; }

    /// <summary>True when any agent failed, abstained or answered from a fallback.</summary>
    public bool Degraded => Responses.Any(r => r.Degraded);

    /// <summary>Reads <paramref name="history"/> of a chat among <paramref name="participants"/> deciding in <paramref name="context"/>.</summary>
    public static Deliberation Read(IReadOnlyList<ChatMessage> history, DecisionParticipants participants, DecisionContext context, TradingOptions options)
    {
        var responses = history.Select(m => m.RawRepresentation).OfType<AgentResponse>().ToList();
        var analysis = responses.Where(r => participants.RoleOf(r.AgentName) == AgentRole.Analysis).ToList();
        if (analysis.Count == 0)
        {
            return new Deliberation { Responses = responses };
        }

        var votes = new List<AnalysisSignal>(analysis.Count);
        var abstained = new List<string>();
        foreach (var response in analysis)
        {
            if (AnalysisSignal.From(response) is { } vote)
            {
                votes.Add(vote);
            }
            else
            {
                abstained.Add($"{response.AgentName} ({response.AbstainReason ?? "no valid signal"})");
            }
        }

        var consensus = Consensus.Tally(votes, abstained, options.ConsensusThreshold, options.MinimumVoters);
        if (AfterAnalysis(consensus, context, options) is { } stop)
        {
            return new Deliberation { Responses = responses, Consensus = consensus, Conclusion = stop };
        }

        var strategy = responses.Where(r => participants.RoleOf(r.AgentName) == AgentRole.Strategy).ToList();
        if (strategy.Count == 0)
        {
            return new Deliberation { Responses = responses, Consensus = consensus };
        }

        var proposals = strategy.Select(StrategyProposal.From).OfType<StrategyProposal>().ToList();
        var choice = ProposalChoice.Choose(proposals, consensus.Signal!.Value, context);
        (ChatConclusion, string)? afterStrategy = choice.Best switch
        {
            null => (ChatConclusion.NoProposal, choice.Reason),
            { } best when choice.Wanted == TradeAction.Close => (ChatConclusion.Close, $"{choice.Reason}; closing lowers risk, so it needs no risk review"),
            _ => null,
        };
        var risk = responses.LastOrDefault(r => participants.RoleOf(r.AgentName) == AgentRole.Risk);
        var conclusion = afterStrategy ?? (risk is null ? null : AfterRisk(risk));
        return new Deliberation
        {
            Responses = responses,
            Consensus = consensus,
            Proposals = proposals,
            Choice = choice,
            RiskResponse = risk,
            Conclusion = conclusion,
        };
    }

    private static (ChatConclusion, string)? AfterAnalysis(Consensus consensus, DecisionContext context, TradingOptions options)
    {
        var vote = consensus.Describe();
        return consensus.Signal switch
        {
            null when !consensus.QuorumMet => (ChatConclusion.NoQuorum, $"HOLD: {vote}"),
            null => (ChatConclusion.NoConsensus, $"HOLD: {vote}"),
            TradeAction.Hold => (ChatConclusion.NoConsensus, $"HOLD: {vote}"),
            TradeAction.Buy when context.Position?.Side == PositionSide.Long =>
                (ChatConclusion.NothingToDo, $"HOLD: already long {context.Symbol}, adding to a position is not supported; {vote}"),
            TradeAction.Sell when context.Position?.Side == PositionSide.Short =>
                (ChatConclusion.NothingToDo, $"HOLD: already short {context.Symbol}; {vote}"),
            TradeAction.Sell when context.Position is null && !options.AllowShorts =>
                (ChatConclusion.NothingToDo, $"HOLD: nothing to sell (no position) and shorts are disabled; {vote}"),
            _ => null,
        };
    }

    private static (ChatConclusion, string) AfterRisk(AgentResponse risk) => RiskReview.From(risk) switch
    {
        null => (ChatConclusion.RiskRejected, $"HOLD: the risk agent gave no verdict ({risk.AbstainReason}); no trade without approval"),
        { Approved: false } review => (ChatConclusion.RiskRejected, $"HOLD: the risk agent rejected the trade: {review.Reasoning}"),
        { } review => (ChatConclusion.RiskApproved, $"risk agent approved (risk score {ContextFormat.Number(review.RiskScore)}): {review.Reasoning}"),
    };
}
