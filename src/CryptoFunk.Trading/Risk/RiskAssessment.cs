namespace CryptoFunk.Trading.Risk;

/// <summary>The code-side verdict on a trade: what may be traded, what was cut and why, and what was refused and why.</summary>
/// <param name="Approved">True when a positive quantity may be traded.</param>
/// <param name="Quantity">Quantity to trade; zero when not approved.</param>
/// <param name="Clamps">Every requested quantity a hard limit cut down.</param>
/// <param name="Refusals">Every reason the trade was refused, with its code; empty when approved.</param>
/// <param name="Metrics">Risk numbers at <paramref name="Quantity"/>.</param>
/// <param name="Sizing">The sizer's limits, or null when the trade was refused before sizing.</param>
/// <param name="DecisionTime">When the decision was made, from the market check.</param>
public sealed record RiskAssessment(
    bool Approved,
    decimal Quantity,
    IReadOnlyList<RiskClamp> Clamps,
    IReadOnlyList<TradeRefusal> Refusals,
    RiskMetrics Metrics,
    PositionSize? Sizing,
    DateTimeOffset DecisionTime)
{
    /// <summary>Every reason the trade was refused, in words; empty when approved.</summary>
    public IReadOnlyList<string> Rejections => [.. Refusals.Select(r => r.Reason)];
}
