namespace CryptoFunk.Trading.Risk;

/// <summary>
/// The stable codes a trade is refused with, so summaries count refusals by reason across runs and versions while the
/// words of <see cref="TradeRefusal.Reason"/> may change. Codes are only ever added.
/// </summary>
public static class RefusalCodes
{
    /// <summary>Fewer analysts voted than the quorum.</summary>
    public const string Quorum = "quorum";

    /// <summary>The risk agent rejected the trade.</summary>
    public const string RiskAgentRejected = "risk_agent_rejected";

    /// <summary>The risk agent gave no verdict (it failed or abstained), so nothing was approved.</summary>
    public const string RiskAgentNoVerdict = "risk_agent_no_verdict";

    /// <summary>The risk agent did not answer by the decision deadline, so nothing was approved.</summary>
    public const string Deadline = "deadline";

    /// <summary>A quantity (proposed, or the risk agent's adjusted size) is not positive.</summary>
    public const string InvalidQuantity = "invalid_quantity";

    /// <summary>Equity is not positive.</summary>
    public const string NoEquity = "no_equity";

    /// <summary>Equity fell to the drawdown halt below its peak.</summary>
    public const string DrawdownHalt = "drawdown_halt";

    /// <summary>As many positions are open as allowed.</summary>
    public const string MaxPositions = "max_positions";

    /// <summary>The proposal and the market price are for different symbols.</summary>
    public const string SymbolMismatch = "symbol_mismatch";

    /// <summary>The proposal's confidence is outside 0..1.</summary>
    public const string InvalidConfidence = "invalid_confidence";

    /// <summary>The entry or the market price is not positive.</summary>
    public const string InvalidPrice = "invalid_price";

    /// <summary>The entry is too far from the market price.</summary>
    public const string EntryDeviation = "entry_deviation";

    /// <summary>The proposal has no stop loss.</summary>
    public const string NoStopLoss = "no_stop_loss";

    /// <summary>The stop loss is on the wrong side of the entry.</summary>
    public const string StopWrongSide = "stop_wrong_side";

    /// <summary>The stop loss is too far from the entry.</summary>
    public const string StopTooFar = "stop_too_far";

    /// <summary>The take profit is on the wrong side of the entry.</summary>
    public const string TakeProfitWrongSide = "take_profit_wrong_side";

    /// <summary>Open positions already use the portfolio risk budget.</summary>
    public const string PortfolioRisk = "portfolio_risk";

    /// <summary>Fractional Kelly finds no edge at the estimated win rate and the reward/risk.</summary>
    public const string NoEdge = "no_edge";

    /// <summary>No cash is left for a new position.</summary>
    public const string NoCash = "no_cash";

    /// <summary>The sizer lacks what it needs (a positive entry and equity, a stop away from the entry).</summary>
    public const string Unsizable = "unsizable";

    /// <summary>The quantity is below the exchange's minimum quantity for the market.</summary>
    public const string BelowMinQuantity = "below_min_quantity";

    /// <summary>The quantity is not a whole multiple of the exchange's step size for the market.</summary>
    public const string OffStepSize = "off_step_size";

    /// <summary>The order's value (quantity times price) is below the exchange's minimum for the market.</summary>
    public const string BelowMinNotional = "below_min_notional";

    /// <summary>The limit price is not a whole multiple of the exchange's tick size for the market.</summary>
    public const string OffTickSize = "off_tick_size";

    /// <summary>The code of a refusal for breaking the exchange rule <paramref name="rule"/>.</summary>
    public static string For(ExchangeRuleKind rule) => rule switch
    {
        ExchangeRuleKind.MinQuantity => BelowMinQuantity,
        ExchangeRuleKind.StepSize => OffStepSize,
        ExchangeRuleKind.MinNotional => BelowMinNotional,
        _ => OffTickSize,
    };
}
