using System.Globalization;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// The hard limits a run is held to, as the test states them (the README's risk settings and Binance spot's order
/// rules), not as the program reads them: <see cref="Settings"/> configures the run, and <see cref="OrderAudit"/>
/// checks its orders against these same numbers.
/// </summary>
/// <param name="MaxRiskPerTrade">Loss at the stop of one trade, as a share of equity.</param>
/// <param name="MaxPortfolioRisk">Loss at the stops of every open position and this trade, as a share of equity.</param>
/// <param name="MaxPosition">A position's notional at entry, as a share of equity.</param>
/// <param name="MaxOpenPositions">Positions (held or ordered) at once.</param>
/// <param name="MaxStopDistance">Entry-to-stop distance, as a share of the entry.</param>
/// <param name="MaxEntryDeviation">Entry-to-market distance, as a share of the market price.</param>
/// <param name="KellyFraction">Share of the Kelly stake risked.</param>
/// <param name="PriorWinProbability">Kelly's win probability before any trade closed.</param>
/// <param name="PriorStrength">Pseudo-trades of that prior.</param>
/// <param name="WinRateHalfLife">Age at which a closed trade counts half.</param>
/// <param name="HaltDrawdown">Drawdown from the peak at which entries stop.</param>
internal sealed record HardLimits(
    decimal MaxRiskPerTrade,
    decimal MaxPortfolioRisk,
    decimal MaxPosition,
    int MaxOpenPositions,
    decimal MaxStopDistance,
    decimal MaxEntryDeviation,
    decimal KellyFraction,
    decimal PriorWinProbability,
    decimal PriorStrength,
    TimeSpan WinRateHalfLife,
    decimal HaltDrawdown)
{
    /// <summary>
    /// The README's defaults, but for a portfolio-risk budget of 3% and two open positions, so that two markets
    /// entering at the same close meet the cross-market limits too, not only the per-trade ones.
    /// </summary>
    public static HardLimits Tight { get; } = new(0.02m, 0.03m, 0.5m, 2, 0.05m, 0.01m, 0.25m, 0.5m, 10m, TimeSpan.FromDays(30), 0.20m);

    /// <summary>Binance spot's order rules for the two markets the runs trade (minimum quantity, step, minimum order value).</summary>
    public static IReadOnlyDictionary<string, (decimal MinQuantity, decimal Step, decimal MinNotional)> ExchangeRules { get; } =
        new Dictionary<string, (decimal, decimal, decimal)>
        {
            ["BTC/USDT"] = (0.00001m, 0.00001m, 5m),
            ["ETH/USDT"] = (0.0001m, 0.0001m, 5m),
        };

    /// <summary>The configuration keys that put these limits in force.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Risk:MaxRiskPerTradeFraction"] = Text(MaxRiskPerTrade),
        ["Risk:MaxPortfolioRiskFraction"] = Text(MaxPortfolioRisk),
        ["Risk:MaxPositionFraction"] = Text(MaxPosition),
        ["Risk:MaxOpenPositions"] = MaxOpenPositions.ToString(CultureInfo.InvariantCulture),
        ["Risk:MaxStopDistanceFraction"] = Text(MaxStopDistance),
        ["Risk:MaxEntryDeviationFraction"] = Text(MaxEntryDeviation),
        ["Risk:KellyFraction"] = Text(KellyFraction),
        ["Risk:PriorWinProbability"] = Text(PriorWinProbability),
        ["Risk:PriorStrength"] = Text(PriorStrength),
        ["Risk:WinRateHalfLife"] = WinRateHalfLife.ToString("c", CultureInfo.InvariantCulture),
        ["Risk:HaltDrawdownFraction"] = Text(HaltDrawdown),
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
