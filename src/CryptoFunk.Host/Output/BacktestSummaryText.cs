using System.Globalization;
using System.Text;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Host.Output;

/// <summary>The backtest summary as people read it: the agents next to the rules engine alone and buy-and-hold, then where answers came from and what they cost.</summary>
internal static class BacktestSummaryText
{
    public static string Format(BacktestReport report, string database)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"Backtest {report.Symbol} {report.Timeframe} from {UtcTimestamp.Format(report.From)} to {UtcTimestamp.Format(report.To)}: {report.Bars} bars, capital {report.Capital:0.##}, mode {report.Mode}\n"));
        foreach (var note in report.Notes)
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        foreach (var warning in report.Warnings)
        {
            text.Append("warning: ").Append(warning.Message).Append('\n');
        }

        var rulesTitle = report.RulesOnlyIsSameRun ? "rules only (same run)" : "rules only";
        var rows = new (string Name, Func<PerformanceMetrics, string> Value)[]
        {
            ("final equity", m => Invariant($"{m.FinalEquity:0.00}")),
            ("total return", m => Percent((double)m.TotalReturn)),
            ("CAGR", m => Percent(m.Cagr)),
            ("Sharpe", m => Number(m.Sharpe)),
            ("Sortino", m => Number(m.Sortino)),
            ("max drawdown", m => Percent((double)m.MaxDrawdown)),
            ("trades", m => m.Trades.ToString(CultureInfo.InvariantCulture)),
            ("win rate", m => Percent(m.WinRate)),
            ("fees paid", m => Invariant($"{m.FeesPaid:0.00}")),
            ("time in market", m => Percent(m.Exposure)),
        };
        var headers = new[] { string.Empty, "agents", rulesTitle, "buy and hold" };
        var table = rows.Select(r => new[] { r.Name, r.Value(report.Agents), r.Value(report.RulesOnly), r.Value(report.BuyAndHold) }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, table.Max(row => row[i].Length))).ToArray();
        text.Append('\n').Append(Row(headers, widths));
        foreach (var row in table)
        {
            text.Append(Row(row, widths));
        }

        var tally = report.Tally;
        var calls = tally.ModelCalls;
        text.Append('\n')
            .Append(Invariant($"decisions: {tally.Decisions} ({Join(tally.DecisionsByAction)}), degraded {tally.DegradedDecisions}\n"))
            .Append(Invariant($"refusals by reason: {Join(tally.RefusalsByReason)}; clamps by limit: {Join(tally.ClampsByLimit)}\n"))
            .Append(Invariant($"agent decisions by source: {Join(tally.AgentDecisionsBySource)}\n"))
            .Append(Invariant($"LLM: {calls.Live} calls, {calls.Cached} cache hits ({Percent(SessionTallyJson.CacheHitRate(calls))}), {calls.Replayed} replayed, {tally.InputTokens} input + {tally.OutputTokens} output tokens, ${tally.CostUsd:0.0000}\n"))
            .Append(BudgetText.Format(report.Budget, calls.Refused))
            .Append(Invariant($"run {report.RunId} stored in {database}; {report.Elapsed.TotalSeconds:0.00} s\n"));
        if (report.CacheUnavailable > 0)
        {
            text.Append(Invariant($"warning: the answer cache could not be reached {report.CacheUnavailable} times (cache_unavailable); those lookups missed and those answers were not kept, and the run went on without it\n"));
        }

        if (report.SpansDropped > 0)
        {
            text.Append(Invariant($"warning: {report.SpansDropped} spans dropped (span buffer full), so this run's traces are incomplete; raise Telemetry:SpanBufferCapacity or Telemetry:SpanBufferWait\n"));
        }

        return text.ToString();
    }

    /// <summary>The budget line, when a limit applies: its limits, the spend, and the calls it kept from the models.</summary>
    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd() + "\n";

    private static string Join(SortedDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => Invariant($"{c.Key} {c.Value}")));

    private static string Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
