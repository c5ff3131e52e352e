using CryptoFunk.Cluster.Sweeps;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// The orders <c>sweep --sort</c> offers, each best first: <c>sharpe</c> (highest, the default), <c>return</c>
/// (highest), <c>drawdown</c> (smallest), <c>trades</c> (most), <c>cost</c> (cheapest). Backtests without the figure
/// (a Sharpe ratio that is undefined) and failed ones come last; ties keep the combinations' order.
/// </summary>
internal static class SweepRanking
{
    public const string Sharpe = "sharpe";
    public const string Return = "return";
    public const string Drawdown = "drawdown";
    public const string Trades = "trades";
    public const string Cost = "cost";

    /// <summary>Every order, default first.</summary>
    public static readonly string[] Names = [Sharpe, Return, Drawdown, Trades, Cost];

    /// <summary><paramref name="outcomes"/> best first by <paramref name="name"/>.</summary>
    public static IReadOnlyList<SweepOutcome> Sort(IEnumerable<SweepOutcome> outcomes, string name)
    {
        // Higher is better for every key below (drawdown and cost are negated).
        Func<SweepBacktestResult, double?> key = name switch
        {
            Return => r => (double)r.TotalReturn,
            Drawdown => r => -(double)r.MaxDrawdown,
            Trades => r => r.Trades,
            Cost => r => -(double)r.ModelCostUsd,
            _ => r => r.Sharpe,
        };
        return [.. outcomes
            .OrderBy(o => o.Result is { } r && key(r) is not null ? 0 : 1)
            .ThenByDescending(o => o.Result is { } r ? key(r) ?? 0 : 0)
            .ThenBy(o => o.Order.Combination)
            .ThenBy(o => o.Order.Symbol, StringComparer.Ordinal)];
    }
}
