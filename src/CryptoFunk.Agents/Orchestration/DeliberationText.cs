using System.Text;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// The texts code writes for the later stages of a decision: the analysts' votes for the strategists, the position,
/// and the chosen proposal with its code-computed risk numbers and the account for the risk agent. What earlier agents
/// wrote enters only quoted (<see cref="QuotedText"/>). Invariant and deterministic, so identical decisions render
/// identical prompts (and hit the cache and the replay).
/// </summary>
public static class DeliberationText
{
    /// <summary>
    /// The consensus and each vote with its reasoning and key factors, and each agent that did not vote with why: what
    /// the analysts wrote is quoted (<see cref="QuotedText"/>), never pasted.
    /// </summary>
    public static string AnalysisSummary(Consensus consensus)
    {
        var text = new StringBuilder().Append(consensus.Outcome()).Append('\n');
        foreach (var vote in consensus.Votes)
        {
            text.Append("\n- ").Append(vote.AgentName).Append(": ").Append(vote.Signal.ToWire())
                .Append(" (confidence ").Append(ContextFormat.Number(vote.Confidence))
                .Append(", risk ").Append(vote.RiskLevel ?? "n/a").Append("). Reasoning: ").Append(QuotedText.Quote(vote.Reasoning));
            if (vote.KeyFactors.Count > 0)
            {
                text.Append(" Key factors: ").Append(QuotedText.Quote(string.Join("; ", vote.KeyFactors)));
            }
        }

        foreach (var abstention in consensus.Abstained)
        {
            text.Append("\n- Not voting: ").Append(QuotedText.Quote(abstention));
        }

        return text.ToString();
    }

    /// <summary>The open position with its unrealised result at the last close, or that there is none.</summary>
    public static string Position(DecisionContext context)
    {
        if (context.Position is not { } p)
        {
            return $"No open position in {context.Symbol}.";
        }

        var direction = p.Side == PositionSide.Long ? 1m : -1m;
        var result = direction * (context.Price - p.AverageEntryPrice) / p.AverageEntryPrice;
        return $"{(p.Side == PositionSide.Long ? "Long" : "Short")} {RiskText.Number(p.Quantity)} {context.Symbol} from {ContextFormat.Price(p.AverageEntryPrice)}; " +
               $"last close {ContextFormat.Price(context.Price)} ({ContextFormat.Percent((double)result)}); " +
               $"stop loss {(p.StopLoss is { } stop ? ContextFormat.Price(stop) : "none")}.";
    }

    /// <summary>The proposal and what code computed for it at the largest size the limits allow.</summary>
    public static string Proposal(StrategyProposal proposal, TradeProposal trade, RiskAssessment preview)
    {
        var text = new StringBuilder()
            .Append("Proposed by ").Append(proposal.AgentName).Append(": ").Append(proposal.Action.ToWire())
            .Append(" (confidence ").Append(ContextFormat.Number(proposal.Confidence)).Append(")\n")
            .Append("Entry: ").Append(ContextFormat.Price(trade.EntryPrice)).Append(proposal.EntryPrice is null ? " (at market)" : string.Empty).Append('\n')
            .Append("Stop loss: ").Append(trade.StopLoss is { } stop ? ContextFormat.Price(stop) : "none").Append('\n')
            .Append("Take profit: ").Append(trade.TakeProfit is { } target ? ContextFormat.Price(target) : "none").Append('\n')
            .Append("Reasoning: ").Append(QuotedText.Quote(proposal.Reasoning)).Append('\n');
        if (!preview.Approved)
        {
            return text.Append("Code risk check: REFUSED: ").AppendJoin("; ", preview.Rejections).Append('\n').ToString();
        }

        var m = preview.Metrics;
        return text
            .Append("Largest size the hard limits allow: ").Append(RiskText.Number(preview.Quantity))
            .Append(" (binding limit: ").Append(preview.Sizing?.BindingLimit.ToString() ?? "n/a").Append(")\n")
            .Append("At that size: position ").Append(RiskText.Percent(m.PositionFractionOfEquity)).Append(" of equity, risk to stop ")
            .Append(RiskText.Number(m.RiskAmount)).Append(" = ").Append(RiskText.Percent(m.RiskFractionOfEquity)).Append(" of equity, portfolio risk after ")
            .Append(RiskText.Percent(m.PortfolioRiskFractionAfter)).Append('\n')
            .ToString();
    }

    /// <summary>The account and the limits code enforces whatever the answer.</summary>
    public static string Portfolio(PortfolioExposure portfolio, RiskLimitsOptions limits) =>
        new StringBuilder()
            .Append("Equity: ").Append(RiskText.Number(decimal.Round(portfolio.Equity, 2))).Append('\n')
            .Append("Cash: ").Append(RiskText.Number(decimal.Round(portfolio.Cash, 2))).Append('\n')
            .Append("Peak equity: ").Append(RiskText.Number(decimal.Round(portfolio.PeakEquity, 2)))
            .Append(" (drawdown ").Append(RiskText.Percent(decimal.Round(portfolio.Drawdown, 4))).Append(")\n")
            .Append("Open positions: ").Append(portfolio.OpenPositions.Count)
            .Append(", open risk ").Append(RiskText.Percent(portfolio.Equity > 0 ? decimal.Round(portfolio.OpenRisk / portfolio.Equity, 4) : 0m)).Append(" of equity\n")
            .Append("Recent win rate: ").Append(portfolio.RecentWinRate is { } w ? RiskText.Percent(w) : "not enough closed trades yet").Append('\n')
            .Append("Hard limits (enforced by code): risk per trade ").Append(RiskText.Percent(limits.MaxRiskPerTradeFraction))
            .Append(", portfolio risk ").Append(RiskText.Percent(limits.MaxPortfolioRiskFraction))
            .Append(", position ").Append(RiskText.Percent(limits.MaxPositionFraction))
            .Append(", open positions ").Append(limits.MaxOpenPositions)
            .Append(", stop at most ").Append(RiskText.Percent(limits.MaxStopDistanceFraction)).Append(" away")
            .Append(", Kelly fraction ").Append(RiskText.Number(limits.KellyFraction))
            .Append(", trading halts at ").Append(RiskText.Percent(limits.HaltDrawdownFraction)).Append(" drawdown\n")
            .ToString();
}
