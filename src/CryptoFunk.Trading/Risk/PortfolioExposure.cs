namespace CryptoFunk.Trading.Risk;

/// <summary>The account state the limits are measured against.</summary>
/// <param name="Equity">Current equity (cash plus positions marked to market), in the quote asset.</param>
/// <param name="Cash">Cash available for a new position.</param>
/// <param name="PeakEquity">Highest equity seen, for the drawdown halt.</param>
/// <param name="OpenPositions">Positions held now (and entries accepted but not filled, counted as held).</param>
public sealed record PortfolioExposure(decimal Equity, decimal Cash, decimal PeakEquity, IReadOnlyList<Position> OpenPositions)
{
    /// <summary>
    /// Realised win rate (0..1) shrunk toward the prior (<see cref="WinRateEstimate"/>); null before any trade has
    /// closed, when the prior is used. Preferred over an agent's confidence as the Kelly win probability because
    /// confidence is not calibrated.
    /// </summary>
    public decimal? RecentWinRate { get; init; }

    /// <summary>Sum of every open position's loss to its stop, the amount the portfolio-risk limit caps.</summary>
    public decimal OpenRisk => OpenPositions.Sum(p => p.RiskToStop);

    /// <summary>Fall from peak equity as a fraction of the peak (0 at or above the peak), for the trading halt.</summary>
    public decimal Drawdown => PeakEquity > 0m && Equity < PeakEquity ? (PeakEquity - Equity) / PeakEquity : 0m;
}
