namespace CryptoFunk.Trading.Risk;

/// <summary>
/// The win probability fractional Kelly uses: the realised win rate shrunk toward the prior by pseudo-counts (a Beta
/// prior), <c>(wins + a) / (trades + a + b)</c> with <c>a + b = </c><see cref="RiskLimitsOptions.PriorStrength"/> and
/// <c>a / (a + b) = </c><see cref="RiskLimitsOptions.PriorWinProbability"/>. Each closed trade counts
/// <c>2^(-age / </c><see cref="RiskLimitsOptions.WinRateHalfLife"/><c>)</c>, so the estimate moves with every new
/// outcome and, while refusals stop new ones, returns toward the prior instead of locking trading out for good.
/// </summary>
public static class WinRateEstimate
{
    /// <summary>
    /// The estimate at <paramref name="asOf"/> from <paramref name="trades"/> closed by then; null before any trade has
    /// closed (the sizer then uses the prior itself).
    /// </summary>
    public static decimal? From(IReadOnlyList<ClosedTrade> trades, DateTimeOffset asOf, RiskLimitsOptions limits)
    {
        if (trades.Count == 0)
        {
            return null;
        }

        var wins = 0m;
        var count = 0m;
        foreach (var trade in trades)
        {
            var age = trade.ExitTime < asOf ? asOf - trade.ExitTime : TimeSpan.Zero;
            var weight = (decimal)Math.Pow(0.5, age / limits.WinRateHalfLife);
            count += weight;
            wins += trade.ProfitAndLoss > 0m ? weight : 0m;
        }

        return (wins + (limits.PriorWinProbability * limits.PriorStrength)) / (count + limits.PriorStrength);
    }
}
