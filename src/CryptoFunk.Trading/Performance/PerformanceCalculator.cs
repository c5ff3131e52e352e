using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Performance;

/// <summary>
/// Turns an equity curve and its closed trades into <see cref="PerformanceMetrics"/>, one formula for every strategy
/// so results compare. Per-bar returns are simple returns between consecutive points; annualisation uses
/// 365.25 days per year because crypto trades every day. Deterministic: the same input gives the same bits.
/// </summary>
public static class PerformanceCalculator
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365.25);

    /// <summary>
    /// Computes the metrics of <paramref name="curve"/> (at least one point, strictly increasing times, positive
    /// equity, consecutive points normally <paramref name="barInterval"/> apart) and <paramref name="trades"/>.
    /// </summary>
    public static PerformanceMetrics Compute(
        IReadOnlyList<EquityPoint> curve, IReadOnlyList<ClosedTrade> trades, decimal feesPaid, TimeSpan barInterval)
    {
        Validate(curve, barInterval);
        var initial = curve[0].Equity;
        var final = curve[^1].Equity;
        var returns = BarReturns(curve);
        var periodsPerYear = Year / barInterval;
        var wins = trades.Count(trade => trade.ProfitAndLoss > 0);

        return new PerformanceMetrics(
            InitialEquity: initial,
            FinalEquity: final,
            TotalReturn: (final / initial) - 1m,
            Cagr: Cagr(initial, final, curve[^1].Time - curve[0].Time, barInterval),
            Sharpe: Sharpe(returns, periodsPerYear),
            Sortino: Sortino(returns, periodsPerYear),
            MaxDrawdown: MaxDrawdown(curve),
            Trades: trades.Count,
            Wins: wins,
            WinRate: trades.Count == 0 ? null : (double)wins / trades.Count,
            AverageTradePnlPercent: trades.Count == 0 ? null : trades.Average(trade => trade.ProfitAndLossPercent),
            FeesPaid: feesPaid,
            Exposure: curve.Count < 2 ? null : (double)curve.Skip(1).Count(point => point.InMarket) / (curve.Count - 1));
    }

    private static void Validate(IReadOnlyList<EquityPoint> curve, TimeSpan barInterval)
    {
        if (barInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(barInterval), barInterval, "barInterval must be positive");
        if (curve.Count == 0)
            throw new ArgumentException("the equity curve is empty; it needs at least the starting point", nameof(curve));

        for (var i = 0; i < curve.Count; i++)
        {
            if (curve[i].Equity <= 0)
                throw new ArgumentException($"equity at {UtcTimestamp.Format(curve[i].Time)} is {curve[i].Equity}; returns need positive equity", nameof(curve));
            if (i > 0 && curve[i].Time <= curve[i - 1].Time)
                throw new ArgumentException($"equity point {UtcTimestamp.Format(curve[i].Time)} is not after {UtcTimestamp.Format(curve[i - 1].Time)}; times must strictly increase", nameof(curve));
        }
    }

    private static double[] BarReturns(IReadOnlyList<EquityPoint> curve)
    {
        var returns = new double[curve.Count - 1];
        for (var i = 1; i < curve.Count; i++)
            returns[i - 1] = (double)((curve[i].Equity / curve[i - 1].Equity) - 1m);
        return returns;
    }

    private static double? Cagr(decimal initial, decimal final, TimeSpan span, TimeSpan barInterval) =>
        span < barInterval ? null : Math.Pow((double)(final / initial), Year / span) - 1d;

    private static double? Sharpe(double[] returns, double periodsPerYear)
    {
        if (returns.Length < 2 || returns.All(r => r == returns[0]))
            return null;

        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        return mean / Math.Sqrt(variance) * Math.Sqrt(periodsPerYear);
    }

    private static double? Sortino(double[] returns, double periodsPerYear)
    {
        if (returns.All(r => r >= 0d))
            return null;

        var downside = Math.Sqrt(returns.Average(r => Math.Min(r, 0d) * Math.Min(r, 0d)));
        return returns.Average() / downside * Math.Sqrt(periodsPerYear);
    }

    private static decimal MaxDrawdown(IReadOnlyList<EquityPoint> curve)
    {
        var peak = curve[0].Equity;
        var worst = 0m;
        foreach (var point in curve)
        {
            peak = Math.Max(peak, point.Equity);
            worst = Math.Max(worst, (peak - point.Equity) / peak);
        }

        return worst;
    }
}
