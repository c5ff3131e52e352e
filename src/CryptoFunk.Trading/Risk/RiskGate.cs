using Microsoft.Extensions.Options;

namespace CryptoFunk.Trading.Risk;

/// <summary>
/// The code-side risk gate after the LLM risk agent: the agent may reject or shrink a trade, but the hard limits decide
/// the largest quantity, every cut is recorded as a <see cref="RiskClamp"/>, proposal prices are checked against the
/// market so hallucinated numbers never reach the broker, and the final quantity is rounded down to the exchange's
/// step size and refused when the exchange would refuse it (below its minimum quantity or order value).
/// </summary>
public sealed class RiskGate
{
    private readonly RiskLimitsOptions _limits;
    private readonly PositionSizer _sizer;

    /// <summary>Creates the gate; refuses invalid limits here too, so a gate built without the host is never lax.</summary>
    public RiskGate(IOptions<RiskLimitsOptions> options)
    {
        var errors = RiskLimitsOptionsValidator.Errors(options.Value);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RiskLimitsOptions), errors);
        }

        _limits = options.Value;
        _sizer = new PositionSizer(options);
    }

    /// <summary>
    /// Decides whether and how much of <paramref name="proposal"/> may be traded. The quantity is the smallest of the
    /// sizer's limits, the portfolio-risk headroom, the proposal's own quantity and the risk agent's
    /// <paramref name="llmApprovedQuantity"/> (its <c>adjusted_size</c>), rounded down to the step size of
    /// <see cref="MarketCheck.Rules"/>; requests above the limits are clamped.
    /// </summary>
    public RiskAssessment Evaluate(
        TradeProposal proposal,
        PortfolioExposure portfolio,
        MarketCheck market,
        decimal? llmApprovedQuantity,
        bool llmApproved)
    {
        var refusals = Refusals(proposal, portfolio, market, llmApprovedQuantity, llmApproved).ToList();
        if (refusals.Count > 0)
        {
            return Refused(proposal, portfolio, market, refusals, sizing: null);
        }

        var sizing = _sizer.Size(proposal, portfolio);
        var stopDistance = Math.Abs(proposal.EntryPrice - proposal.StopLoss!.Value);
        var openRisk = portfolio.OpenRisk;
        var headroom = Math.Max(0m, (portfolio.Equity * _limits.MaxPortfolioRiskFraction) - openRisk);
        var headroomQuantity = headroom / stopDistance;
        var (allowed, limit) = headroomQuantity < sizing.Quantity
            ? (headroomQuantity, RiskLimit.PortfolioRisk)
            : (sizing.Quantity, sizing.BindingLimit);
        if (allowed <= 0m)
        {
            var refusal = limit == RiskLimit.PortfolioRisk
                ? new TradeRefusal(
                    RefusalCodes.PortfolioRisk,
                    $"portfolio risk budget used up: open positions already risk {RiskText.Percent(openRisk / portfolio.Equity)} " +
                    $"of equity, the limit is {RiskText.Percent(_limits.MaxPortfolioRiskFraction)}")
                : sizing.Zero ?? new TradeRefusal(RefusalCodes.Unsizable, "the sizer allows no quantity");
            return Refused(proposal, portfolio, market, [refusal], sizing);
        }

        var clamps = new List<RiskClamp>();
        var quantity = allowed;
        if (proposal.Quantity is { } proposed)
        {
            if (proposed > allowed)
            {
                clamps.Add(new RiskClamp(
                    limit,
                    proposed,
                    allowed,
                    $"strategy agent {proposal.AgentName} asked for {RiskText.Number(proposed)}; " +
                    $"{LimitText(limit, portfolio, openRisk)} allows {RiskText.Number(allowed)}"));
            }
            else
            {
                quantity = proposed;
            }
        }

        if (llmApprovedQuantity is { } adjusted)
        {
            if (adjusted > quantity)
            {
                var enlarges = adjusted <= allowed;
                clamps.Add(new RiskClamp(
                    enlarges ? RiskLimit.ProposedQuantity : limit,
                    adjusted,
                    quantity,
                    enlarges
                        ? $"the risk agent asked for {RiskText.Number(adjusted)}, more than the {RiskText.Number(quantity)} " +
                          $"strategy agent {proposal.AgentName} proposed; the risk agent may shrink a trade, never enlarge it"
                        : $"the risk agent asked for {RiskText.Number(adjusted)}; " +
                          $"{LimitText(limit, portfolio, openRisk)} allows {RiskText.Number(allowed)}"));
            }
            else
            {
                quantity = adjusted;
            }
        }

        // Shrunk to the exchange's step, never enlarged; what no exchange order can carry is refused, not placed.
        var tradable = market.Rules.RoundDown(quantity);
        var breach = quantity < market.Rules.MinQuantity
            ? market.Rules.CheckQuantity(proposal.Symbol, quantity)
            : market.Rules.Check(proposal.Symbol, tradable, market.MarketPrice);
        if (breach is not null)
        {
            return Refused(proposal, portfolio, market, [new TradeRefusal(RefusalCodes.For(breach.Rule), breach.Reason)], sizing);
        }

        return new RiskAssessment(
            Approved: true,
            tradable,
            clamps,
            Refusals: [],
            Metrics(proposal, portfolio, market, tradable),
            sizing,
            market.DecisionTime);
    }

    private IEnumerable<TradeRefusal> Refusals(
        TradeProposal proposal,
        PortfolioExposure portfolio,
        MarketCheck market,
        decimal? llmApprovedQuantity,
        bool llmApproved)
    {
        if (!llmApproved)
        {
            yield return new(RefusalCodes.RiskAgentRejected, "the risk agent rejected the trade");
        }
        else if (llmApprovedQuantity is <= 0m)
        {
            yield return new(RefusalCodes.InvalidQuantity, $"the risk agent approved an adjusted size of {RiskText.Number(llmApprovedQuantity.Value)}; it must be positive");
        }

        if (portfolio.Equity <= 0m)
        {
            yield return new(RefusalCodes.NoEquity, $"equity is {RiskText.Number(portfolio.Equity)}; nothing can be risked");
        }

        if (portfolio.Drawdown >= _limits.HaltDrawdownFraction)
        {
            yield return new(
                RefusalCodes.DrawdownHalt,
                $"trading is halted: equity {RiskText.Number(portfolio.Equity)} is {RiskText.Percent(portfolio.Drawdown)} below " +
                $"the peak {RiskText.Number(portfolio.PeakEquity)}, the halt is at {RiskText.Percent(_limits.HaltDrawdownFraction)}");
        }

        if (portfolio.OpenPositions.Count >= _limits.MaxOpenPositions)
        {
            yield return new(RefusalCodes.MaxPositions, $"{portfolio.OpenPositions.Count} positions are open already; at most {_limits.MaxOpenPositions} are allowed");
        }

        if (market.Symbol != proposal.Symbol)
        {
            yield return new(RefusalCodes.SymbolMismatch, $"the proposal is for {proposal.Symbol} but the market price is for {market.Symbol}");
        }

        if (proposal.Confidence is < 0m or > 1m)
        {
            yield return new(RefusalCodes.InvalidConfidence, $"confidence {RiskText.Number(proposal.Confidence)} is outside 0..1");
        }

        if (proposal.Quantity is <= 0m)
        {
            yield return new(RefusalCodes.InvalidQuantity, $"proposed quantity {RiskText.Number(proposal.Quantity.Value)} must be positive");
        }

        if (proposal.EntryPrice <= 0m || market.MarketPrice <= 0m)
        {
            yield return new(
                RefusalCodes.InvalidPrice,
                $"entry {RiskText.Number(proposal.EntryPrice)} and market price {RiskText.Number(market.MarketPrice)} must be positive");
            yield break;
        }

        var deviation = Math.Abs(proposal.EntryPrice - market.MarketPrice) / market.MarketPrice;
        if (deviation > _limits.MaxEntryDeviationFraction)
        {
            yield return new(
                RefusalCodes.EntryDeviation,
                $"entry {RiskText.Number(proposal.EntryPrice)} is {RiskText.Percent(deviation)} from the market price " +
                $"{RiskText.Number(market.MarketPrice)}; at most {RiskText.Percent(_limits.MaxEntryDeviationFraction)} is allowed");
        }

        foreach (var problem in StopAndTargetProblems(proposal))
        {
            yield return problem;
        }
    }

    private IEnumerable<TradeRefusal> StopAndTargetProblems(TradeProposal proposal)
    {
        var entry = proposal.EntryPrice;
        var isLong = proposal.Side == PositionSide.Long;
        if (proposal.StopLoss is not { } stop)
        {
            yield return new(RefusalCodes.NoStopLoss, "no stop loss: every trade needs one so its loss is bounded");
        }
        else if (isLong ? stop >= entry : stop <= entry)
        {
            yield return new(
                RefusalCodes.StopWrongSide,
                $"{(isLong ? "long" : "short")} stop loss {RiskText.Number(stop)} must be {(isLong ? "below" : "above")} " +
                $"the entry {RiskText.Number(entry)}");
        }
        else if (Math.Abs(entry - stop) / entry > _limits.MaxStopDistanceFraction)
        {
            yield return new(
                RefusalCodes.StopTooFar,
                $"stop loss {RiskText.Number(stop)} is {RiskText.Percent(Math.Abs(entry - stop) / entry)} from the entry " +
                $"{RiskText.Number(entry)}; at most {RiskText.Percent(_limits.MaxStopDistanceFraction)} is allowed");
        }

        if (proposal.TakeProfit is { } target && (isLong ? target <= entry : target >= entry))
        {
            yield return new(
                RefusalCodes.TakeProfitWrongSide,
                $"{(isLong ? "long" : "short")} take profit {RiskText.Number(target)} must be {(isLong ? "above" : "below")} " +
                $"the entry {RiskText.Number(entry)}");
        }
    }

    private string LimitText(RiskLimit limit, PortfolioExposure portfolio, decimal openRisk) => limit switch
    {
        RiskLimit.RiskPerTrade => $"the {RiskText.Percent(_limits.MaxRiskPerTradeFraction)} risk-per-trade limit",
        RiskLimit.Kelly => $"fractional Kelly ({RiskText.Number(_limits.KellyFraction)} of the Kelly stake)",
        RiskLimit.PositionNotional => $"the {RiskText.Percent(_limits.MaxPositionFraction)} position-size limit",
        RiskLimit.Cash => $"the available cash of {RiskText.Number(portfolio.Cash)}",
        RiskLimit.PortfolioRisk =>
            $"the {RiskText.Percent(_limits.MaxPortfolioRiskFraction)} portfolio-risk limit " +
            $"({RiskText.Percent(openRisk / portfolio.Equity)} already at risk)",
        _ => "the strategy agent's proposed quantity",
    };

    private static RiskAssessment Refused(
        TradeProposal proposal,
        PortfolioExposure portfolio,
        MarketCheck market,
        IReadOnlyList<TradeRefusal> refusals,
        PositionSize? sizing) =>
        new(
            Approved: false,
            Quantity: 0m,
            Clamps: [],
            refusals,
            Metrics(proposal, portfolio, market, 0m),
            sizing,
            market.DecisionTime);

    private static RiskMetrics Metrics(TradeProposal proposal, PortfolioExposure portfolio, MarketCheck market, decimal quantity)
    {
        var entry = proposal.EntryPrice;
        var stopDistance = proposal.StopLoss is { } stop ? Math.Abs(entry - stop) : 0m;
        var riskAmount = quantity * stopDistance;
        return new RiskMetrics(
            riskAmount,
            OfEquity(riskAmount, portfolio),
            proposal.StopLoss is not null && entry > 0m ? stopDistance / entry : null,
            OfEquity(portfolio.OpenRisk + riskAmount, portfolio),
            OfEquity(quantity * entry, portfolio),
            market.MarketPrice > 0m ? Math.Abs(entry - market.MarketPrice) / market.MarketPrice : 0m);
    }

    private static decimal OfEquity(decimal amount, PortfolioExposure portfolio) =>
        portfolio.Equity > 0m ? amount / portfolio.Equity : 0m;
}
