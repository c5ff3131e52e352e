using System.Buffers;
using System.Text.Json;
using System.Text;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Backtesting;

/// <summary>
/// The report as the JSON that <c>backtest --json</c> writes (snake_case keys, fractions as fractions). Everything
/// that may differ between two runs of the same inputs is under <c>run</c>, so summaries compare by dropping it.
/// </summary>
public static class BacktestReportJson
{
    /// <summary>The key holding the per-run fields (id, wall-clock start, elapsed time, speed, spans dropped, the day's model spend).</summary>
    public const string RunKey = "run";

    /// <summary>Serializes <paramref name="report"/>, indented.</summary>
    public static string Write(BacktestReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("symbol", report.Symbol.ToString());
            json.WriteString("interval", report.Timeframe.Code);
            json.WriteString("from", UtcTimestamp.Format(report.From));
            json.WriteString("to", UtcTimestamp.Format(report.To));
            json.WriteDecimal("capital", report.Capital);
            json.WriteString("mode", report.Mode);
            json.WriteNumber("bars", report.Bars);
            PerformanceMetricsJson.Write(json, "agents", report.Agents);
            PerformanceMetricsJson.Write(json, "buy_and_hold", report.BuyAndHold);
            PerformanceMetricsJson.Write(json, "rules_only", report.RulesOnly);
            json.WriteBoolean("rules_only_is_same_run", report.RulesOnlyIsSameRun);

            var tally = report.Tally;
            SessionTallyJson.Write(json, tally, report.Budget, report.CacheUnavailable);

            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();

            json.WriteStartArray("warnings");
            foreach (var warning in report.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteString("message", warning.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject(RunKey);
            json.WriteString("id", report.RunId);
            json.WriteString("started_at", UtcTimestamp.Format(report.StartedAt));
            json.WriteNumber("elapsed_seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
            json.WriteNumber("decisions_per_second", report.Elapsed > TimeSpan.Zero ? Math.Round(tally.Decisions / report.Elapsed.TotalSeconds, 1) : 0);
            json.WriteNumber("spans_dropped", report.SpansDropped);
            json.WriteNumberOrNull("budget_spent_today_usd", report.Budget.MaxUsdPerDay is null ? null : report.Budget.SpentTodayUsd);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
