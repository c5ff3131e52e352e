namespace CryptoFunk.Trading.Risk;

/// <summary>The numbers behind a decision at its final quantity, stored with it and shown to people and later prompts.</summary>
/// <param name="RiskAmount">Loss if the stop is hit, in the quote asset.</param>
/// <param name="RiskFractionOfEquity">That loss as a fraction of equity.</param>
/// <param name="StopDistanceFraction">Entry-to-stop distance as a fraction of the entry; null without a stop.</param>
/// <param name="PortfolioRiskFractionAfter">Open risk plus this trade's risk, as a fraction of equity.</param>
/// <param name="PositionFractionOfEquity">Position notional at entry as a fraction of equity.</param>
/// <param name="EntryDeviationFraction">Distance of the entry from the market price, as a fraction of the market price.</param>
public sealed record RiskMetrics(
    decimal RiskAmount,
    decimal RiskFractionOfEquity,
    decimal? StopDistanceFraction,
    decimal PortfolioRiskFractionAfter,
    decimal PositionFractionOfEquity,
    decimal EntryDeviationFraction);
