using System.Globalization;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;

namespace CryptoFunk.Host.Output;

/// <summary>The one line a paper run ends with, finished or stopped: the account, what was decided and traded, what models cost.</summary>
internal static class PaperSummaryText
{
    public static string Format(PaperReport report, string database)
    {
        var tally = report.Tally;
        var actions = tally.DecisionsByAction.Count == 0 ? "none" : string.Join(", ", tally.DecisionsByAction.Select(c => Invariant($"{c.Key} {c.Value}")));
        var window = report.FirstClose is { } first && report.LastClose is { } last ? $"{UtcTimestamp.Format(first)} to {UtcTimestamp.Format(last)}" : "no close";
        return Invariant($"paper {(report.Stopped ? "stopped" : "finished")}: account {report.Account}, {string.Join(",", report.Symbols)} {report.Timeframe}, {window} ({report.Closes} closes); ")
            + Invariant($"equity {report.Equity:0.00} ({report.TotalReturn * 100m:+0.00;-0.00;0.00}%), cash {report.Cash:0.00}, {report.Positions.Count} open positions, {report.Trades.Count} closed trades; ")
            + Baselines(report)
            + Invariant($"decisions {tally.Decisions} ({actions}); {tally.ModelCalls.Live} model calls, ${tally.CostUsd:0.0000}; run {report.RunId} in {database}")
            + (report.Budget.IsLimited ? "; " + BudgetText.Format(report.Budget, tally.ModelCalls.Refused).TrimEnd('\n') : string.Empty)
            + (report.CacheUnavailable > 0 ? Invariant($"; answer cache unreachable {report.CacheUnavailable} times (cache_unavailable), the run went on without it") : string.Empty);
    }

    private static string Baselines(PaperReport report) => report.Baselines is { } baselines
        ? Invariant($"buy and hold {baselines.BuyAndHold.TotalReturn * 100m:+0.00;-0.00;0.00}%")
            + (baselines.RulesOnlyIsSameRun ? "; " : Invariant($", rules engine alone {baselines.RulesOnly.TotalReturn * 100m:+0.00;-0.00;0.00}%; "))
        : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
