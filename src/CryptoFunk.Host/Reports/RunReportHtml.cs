using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets;

namespace CryptoFunk.Host.Reports;

/// <summary>
/// Writes a <see cref="RunReport"/> as one self-contained HTML page: styles inline, charts as inline SVG, no script,
/// and a content security policy that forbids the page to fetch anything, so it opens offline and leaks nothing.
/// Only stored rows are shown; settings and connection strings, which may hold secrets, are not.
/// </summary>
internal static partial class RunReportHtml
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1040px;color:#222}" +
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}" +
        "th:first-child,td:first-child{text-align:left}figure.chart{margin:1em 0}" +
        ".warning{background:#fff3cd;border:1px solid #e0b000;padding:.5em;margin:.5em 0}.note{color:#555;font-style:italic}";

    /// <summary>The page for <paramref name="report"/>, stamped with <paramref name="generatedAt"/>.</summary>
    public static string Write(RunReport report, DateTimeOffset generatedAt)
    {
        var run = report.Run;
        var html = new StringBuilder(256 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>CryptoFunk run ").Append(Text(run.Id)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>Run ").Append(Text(run.Id)).Append("</h1>\n<p>")
            .Append(Text(Invariant($"{run.Kind} of {run.Symbol} {run.Interval}, mode {run.LlmMode}, status {run.Status}, capital {run.InitialCapital:0.##}")));
        if (report.Rows.Decisions.Count > 0)
        {
            html.Append(Text($", decisions from {UtcTimestamp.Format(report.Rows.Decisions[0].Time)} to {UtcTimestamp.Format(report.Rows.Decisions[^1].Time)}"));
        }

        html.Append("</p>\n");
        foreach (var warning in report.Warnings)
        {
            html.Append("<p class=\"warning\" data-code=\"").Append(Text(warning.Code)).Append("\">warning: ").Append(Text(warning.Message)).Append("</p>\n");
        }

        Result(html, report);
        html.Append("<h2>Price</h2>\n");
        foreach (var symbol in report.Symbols)
        {
            Chart(html, "price", $"price-{symbol.Replace('/', '-')}", RunReportCharts.Price(symbol, report.Rows.Decisions, report.Rows.Positions));
        }

        html.Append("<h2>Equity</h2>\n");
        Chart(html, "equity", "equity", RunReportCharts.Equity(report));
        foreach (var note in new[] { report.BuyAndHold.Note, report.RulesOnly.Note }.OfType<string>())
        {
            html.Append("<p class=\"note\">").Append(Text(note)).Append("</p>\n");
        }

        html.Append("<h2>Drawdown</h2>\n");
        Chart(html, "drawdown", "drawdown", RunReportCharts.Drawdown(report.Rows.Equity));
        Agents(html, report);
        Refusals(html, report);
        Models(html, report.Models);
        html.Append("<p class=\"note\">Made by cryptofunk from the stored run at ").Append(UtcTimestamp.Format(generatedAt)).Append(".</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Result(StringBuilder html, RunReport report)
    {
        var capital = report.Run.InitialCapital;
        Table(html, "Result", ["", "value"],
        [
            ["final equity", Money(report.FinalEquity)],
            ["total return", capital == 0m ? "n/a" : Percent((double)(report.Pnl / capital))],
            ["max drawdown", Percent((double)report.MaxDrawdown)],
            ["closed trades", Count(report.Trades)],
            ["win rate", report.Trades == 0 ? "n/a" : Percent((double)report.Wins / report.Trades)],
            ["fees paid", Money(report.FeesPaid)],
            ["P&L after fees", Money(report.Pnl)],
            ["model cost (USD)", Invariant($"{report.Models.CostUsd:0.0000}")],
            ["P&L after fees and model cost", Money(report.PnlAfterModelCost)],
        ]);
    }

    private static void Agents(StringBuilder html, RunReport report)
    {
        Table(html, "Agents", ["agent", "role", "answers", "abstentions", "fallbacks", "BUY/SELL signals", "hit rate", "mean confidence", "Brier score"],
            [.. report.Agents.Select(a => new[]
            {
                a.Agent, a.Role, Count(a.Answers), Count(a.Abstentions), Count(a.Fallbacks), Count(a.Signals),
                a.HitRate is { } hit ? Percent(hit) : "n/a", Fraction(a.MeanConfidence), Fraction(a.Brier),
            })]);
        html.Append("<p class=\"note\">").Append(Text(
            $"A BUY hits when the close {AgentScoring.HorizonBars} bars later is higher, a SELL when it is lower. Fallbacks are answers from rules, " +
            "a hold or a cache after the designed model failed or the budget ran out. Calibration: a well-calibrated agent's points lie on the diagonal.")).Append("</p>\n");
        Chart(html, "calibration", "calibration", RunReportCharts.Calibration(report.Agents));
    }

    private static void Refusals(StringBuilder html, RunReport report)
    {
        if (report.RefusalsByReason.Count == 0)
        {
            html.Append("<h2>Refusals by reason</h2>\n<p>none</p>\n");
            return;
        }

        Table(html, "Refusals by reason", ["reason", "decisions"], [.. report.RefusalsByReason.Select(r => new[] { r.Key, Count(r.Value) })]);
    }

    private static void Models(StringBuilder html, ModelUsage models) =>
        Table(html, "Model calls", ["", "value"],
        [
            ["calls to a provider", Count(models.Live)],
            ["served by the cache", Count(models.Cached)],
            ["replayed", Count(models.Replayed)],
            ["refused by the budget", Count(models.Refused)],
            ["input tokens", models.InputTokens.ToString(CultureInfo.InvariantCulture)],
            ["output tokens", models.OutputTokens.ToString(CultureInfo.InvariantCulture)],
            ["cost (USD)", Invariant($"{models.CostUsd:0.0000}")],
            ["answer latency p50 (ms)", Milliseconds(models.LatencyP50Ms)],
            ["answer latency p95 (ms)", Milliseconds(models.LatencyP95Ms)],
        ]);

    private static void Table(StringBuilder html, string title, string[] headers, IReadOnlyList<string[]> rows)
    {
        html.Append("<h2>").Append(Text(title)).Append("</h2>\n<table>\n<tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(Text(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Text(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>
    /// A chart in its figure. ScottPlot numbers its clip paths with a counter shared by the whole process, and ids are
    /// global to an HTML page, so each chart's are renamed after the chart (<paramref name="id"/>) and numbered from
    /// zero: charts cannot clip each other's lines, and the same run gives the same page.
    /// </summary>
    private static void Chart(StringBuilder html, string name, string id, string svg)
    {
        var clips = new Dictionary<string, int>(StringComparer.Ordinal);
        var scoped = ClipId().Replace(svg, m => $"{id}-clip-{(clips.TryGetValue(m.Value, out var n) ? n : clips[m.Value] = clips.Count)}");
        html.Append("<figure class=\"chart\" data-chart=\"").Append(name).Append("\" id=\"").Append(id).Append("\">\n").Append(scoped).Append("\n</figure>\n");
    }

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipId();

    private static string Text(string text) => WebUtility.HtmlEncode(text);

    private static string Money(decimal value) => JournalText.Money(value);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Fraction(double? value) => value is { } v ? JournalText.Fraction(v) : "n/a";

    private static string Milliseconds(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "n/a (no answer called a provider)";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
