using System.Globalization;
using CryptoFunk.Cluster.Sweeps;
using CryptoFunk.Host.Commands;

namespace CryptoFunk.Host.Output;

/// <summary>
/// A sweep's results as one table, best first: the combination's number, market and settings, the agents' return,
/// largest drawdown, Sharpe ratio, closed trades, model cost, and the stored run (for <c>report --run</c>).
/// </summary>
internal static class SweepText
{
    public static string Format(SweepSummary summary)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var keys = summary.Vary.Select(v => v.Key).ToList();
        string[] headers = ["#", "symbol", .. keys, "return", "max drawdown", "sharpe", "trades", "model cost", "run"];
        var rows = summary.Ranked.Select(o => (string[])
        [
            o.Order.Combination.ToString(CultureInfo.InvariantCulture),
            o.Order.Symbol,
            .. keys.Select(k => o.Order.Settings.First(s => s.Key == k).Value),
            .. o.Result is { } r
                ? [Percent(r.TotalReturn), Percent(r.MaxDrawdown), r.Sharpe is { } sharpe ? sharpe.ToString("0.00", CultureInfo.InvariantCulture) : "-", r.Trades.ToString(CultureInfo.InvariantCulture), r.ModelCostUsd.ToString("0.0000", CultureInfo.InvariantCulture), r.RunId]
                : new[] { "failed", "-", "-", "-", "-", o.Error ?? string.Empty },
        ]).ToList();
        TextTable.Write(text, headers, rows);
        text.WriteLine();
        text.WriteLine(Invariant(
            $"sweep {summary.Id}: {summary.Outcomes.Count} backtests ({summary.Combinations} combination(s) x {summary.Symbols.Count} market(s)) on {summary.Silos.Count} silo(s) in {summary.Elapsed.TotalSeconds:0.0} s, sorted by {summary.Sort}; {summary.Failed} failed; stored in {summary.Database}"));
        return text.ToString();
    }

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
