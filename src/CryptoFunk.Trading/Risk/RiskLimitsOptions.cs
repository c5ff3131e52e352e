namespace CryptoFunk.Trading.Risk;

/// <summary>
/// Hard risk limits enforced in code whatever the LLM says (configuration section <c>Risk</c>); defaults follow the
/// design document's risk principles. All fractions are of current equity unless stated.
/// </summary>
public sealed class RiskLimitsOptions
{
    /// <summary>The configuration section the limits bind from.</summary>
    public const string SectionName = "Risk";

    /// <summary>Most of equity one trade may lose if its stop is hit (design: 2%).</summary>
    public decimal MaxRiskPerTradeFraction { get; set; } = 0.02m;

    /// <summary>Most of equity all open positions together may lose at their stops (design: 10%).</summary>
    public decimal MaxPortfolioRiskFraction { get; set; } = 0.10m;

    /// <summary>
    /// Largest position notional as a fraction of equity. 0.5 rather than 0.25 so that the 2% risk limit still binds
    /// for stops wider than 4%; at 0.25 and a 5% stop a trade could never risk more than 1.25%.
    /// </summary>
    public decimal MaxPositionFraction { get; set; } = 0.5m;

    /// <summary>Most positions held at once (design: 5).</summary>
    public int MaxOpenPositions { get; set; } = 5;

    /// <summary>Farthest a stop may be from the entry, as a fraction of the entry (design: reject when risk &gt; 5%).</summary>
    public decimal MaxStopDistanceFraction { get; set; } = 0.05m;

    /// <summary>Share of the full Kelly stake used (design: fractional Kelly 25-50%).</summary>
    public decimal KellyFraction { get; set; } = 0.25m;

    /// <summary>
    /// Win probability Kelly assumes before any trade has closed, and shrinks the realised win rate toward: an even chance,
    /// because an agent's confidence is a label (the rules engine always says 0.3), not a calibrated probability.
    /// </summary>
    public decimal PriorWinProbability { get; set; } = 0.5m;

    /// <summary>
    /// Weight of <see cref="PriorWinProbability"/> in pseudo-trades (a Beta prior's a + b): Kelly's win probability is
    /// (wins + a) / (trades + a + b), so ten closed trades move it only halfway from the prior and a few early losses
    /// cannot rule trading out.
    /// </summary>
    public decimal PriorStrength { get; set; } = 10m;

    /// <summary>
    /// Age at which a closed trade counts half in the win rate. Refused trades produce no outcomes, so without this the
    /// estimate after a losing start could never change again; with it, it drifts back toward the prior while nothing
    /// trades.
    /// </summary>
    public TimeSpan WinRateHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Drawdown from peak equity at which trading halts (design: 20%).</summary>
    public decimal HaltDrawdownFraction { get; set; } = 0.20m;

    /// <summary>Farthest the proposed entry may be from the market price, so hallucinated prices are refused.</summary>
    public decimal MaxEntryDeviationFraction { get; set; } = 0.01m;
}
