namespace CryptoFunk.Trading.Performance;

/// <summary>
/// The numbers a backtest is judged by, computed the same way for the agents and for the baselines so the columns
/// compare. Fractions are plain (0.25 is 25%); a statistic that is undefined for the run is null, never zero.
/// Money and exact money ratios are <see cref="decimal"/>; statistics that need powers, roots or counts are
/// <see cref="double"/>.
/// </summary>
/// <param name="InitialEquity">Equity at the first point.</param>
/// <param name="FinalEquity">Equity at the last point.</param>
/// <param name="TotalReturn">FinalEquity / InitialEquity - 1.</param>
/// <param name="Cagr">Compound annual growth over the span of the curve (365.25-day years); null when it spans less than one bar.</param>
/// <param name="Sharpe">Annualised mean over sample standard deviation of per-bar returns, risk-free 0; null when the deviation is zero or there are fewer than two returns.</param>
/// <param name="Sortino">Annualised mean over downside deviation sqrt(mean(min(r, 0)^2)) of per-bar returns; null when no return is negative.</param>
/// <param name="MaxDrawdown">Largest fall from a running peak of the curve, as a fraction of that peak.</param>
/// <param name="Trades">Number of closed trades.</param>
/// <param name="Wins">Closed trades with a positive result after fees.</param>
/// <param name="WinRate">Wins / Trades; null when there were no trades.</param>
/// <param name="AverageTradePnlPercent">Mean of the trades' results in percent of entry notional (1.5 is 1.5%); null when there were no trades.</param>
/// <param name="FeesPaid">Quote-currency fees charged over the run.</param>
/// <param name="Exposure">Fraction of bars that ended with a position open; null when the curve has no bar.</param>
public sealed record PerformanceMetrics(
    decimal InitialEquity,
    decimal FinalEquity,
    decimal TotalReturn,
    double? Cagr,
    double? Sharpe,
    double? Sortino,
    decimal MaxDrawdown,
    int Trades,
    int Wins,
    double? WinRate,
    decimal? AverageTradePnlPercent,
    decimal FeesPaid,
    double? Exposure);
