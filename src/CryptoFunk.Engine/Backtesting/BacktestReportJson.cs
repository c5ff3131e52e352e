using System.Buffers;
using System.Text;
using System.Text.Json;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Backtesting;

/// <summary>
/// The report as the JSON that <c>backtest --json</c> writes (snake_case keys, fractions as fractions). Everything
/// that may differ between two runs of the same inputs is under <c>run</c>, so summaries compare by dropping it.
/// </summary>
public static class BacktestReportJson
{
    /// <summary>The key holding the per-run fields (id, wall-clock start, elapsed time, speed, spans dropped).</summary>
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
            json.WriteNumber("capital", report.Capital);
            json.WriteString("mode", report.Mode);
            json.WriteNumber("bars", report.Bars);
            Metrics(json, "agents", report.Agents);
            Metrics(json, "buy_and_hold", report.BuyAndHold);
            Metrics(json, "rules_only", report.RulesOnly);
            json.WriteBoolean("rules_only_is_same_run", report.RulesOnlyIsSameRun);

            var tally = report.Tally;
            json.WriteStartObject("decisions");
            json.WriteNumber("total", tally.Decisions);
            json.WriteNumber("degraded", tally.DegradedDecisions);
            Counts(json, "by_action", tally.DecisionsByAction);
            Counts(json, "agent_decisions_by_source", tally.AgentDecisionsBySource);
            Counts(json, "refusals_by_reason", tally.RefusalsByReason);
            Counts(json, "clamps_by_limit", tally.ClampsByLimit);
            json.WriteEndObject();

            var calls = tally.ModelCalls;
            json.WriteStartObject("llm");
            json.WriteNumber("calls", calls.Live);
            json.WriteNumber("cache_hits", calls.Cached);
            json.WriteNumber("replayed", calls.Replayed);
            Number(json, "cache_hit_rate", CacheHitRate(calls));
            json.WriteNumber("input_tokens", tally.InputTokens);
            json.WriteNumber("output_tokens", tally.OutputTokens);
            json.WriteNumber("cost_usd", tally.CostUsd);
            json.WriteEndObject();

            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();

            json.WriteStartObject(RunKey);
            json.WriteString("id", report.RunId);
            json.WriteString("started_at", UtcTimestamp.Format(report.StartedAt));
            json.WriteNumber("elapsed_seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
            json.WriteNumber("decisions_per_second", report.Elapsed > TimeSpan.Zero ? Math.Round(tally.Decisions / report.Elapsed.TotalSeconds, 1) : 0);
            json.WriteNumber("spans_dropped", report.SpansDropped);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Cache hits over all calls a provider or the cache answered; null when there were none.</summary>
    public static double? CacheHitRate(ModelCallCounts calls) =>
        calls.Live + calls.Cached == 0 ? null : (double)calls.Cached / (calls.Live + calls.Cached);

    private static void Metrics(Utf8JsonWriter json, string name, PerformanceMetrics m)
    {
        json.WriteStartObject(name);
        json.WriteNumber("final_equity", m.FinalEquity);
        json.WriteNumber("total_return", m.TotalReturn);
        Number(json, "cagr", m.Cagr);
        Number(json, "sharpe", m.Sharpe);
        Number(json, "sortino", m.Sortino);
        json.WriteNumber("max_drawdown", m.MaxDrawdown);
        json.WriteNumber("trades", m.Trades);
        json.WriteNumber("wins", m.Wins);
        Number(json, "win_rate", m.WinRate);
        if (m.AverageTradePnlPercent is { } average)
        {
            json.WriteNumber("average_trade_pnl_percent", average);
        }
        else
        {
            json.WriteNull("average_trade_pnl_percent");
        }

        json.WriteNumber("fees_paid", m.FeesPaid);
        Number(json, "exposure", m.Exposure);
        json.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
