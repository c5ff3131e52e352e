using System.Buffers;
using System.Text;
using System.Text.Json;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// The account summary <c>paper --json</c> writes on exit (snake_case keys). Everything that may differ between two
/// runs of the same inputs is under <c>run</c>, so two summaries compare by dropping it.
/// </summary>
public static class PaperReportJson
{
    /// <summary>The key holding the per-run fields (id, wall-clock start, elapsed time, whether the user stopped it).</summary>
    public const string RunKey = "run";

    /// <summary>Serializes <paramref name="report"/>, indented.</summary>
    public static string Write(PaperReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("account", report.Account);
            json.WriteStartArray("symbols");
            foreach (var symbol in report.Symbols)
            {
                json.WriteStringValue(symbol.ToString());
            }

            json.WriteEndArray();
            json.WriteString("interval", report.Timeframe.Code);
            json.WriteString("mode", report.Mode);
            json.WriteString("data", report.Source);
            Time(json, "first_close", report.FirstClose);
            Time(json, "last_close", report.LastClose);
            json.WriteNumber("closes", report.Closes);
            json.WriteDecimal("capital", report.Capital);
            json.WriteDecimal("equity", report.Equity);
            json.WriteDecimal("cash", report.Cash);
            json.WriteDecimal("total_return", report.TotalReturn);

            json.WriteStartArray("positions");
            foreach (var position in report.Positions)
            {
                json.WriteStartObject();
                json.WriteString("symbol", position.Symbol.ToString());
                json.WriteString("side", position.Side == PositionSide.Long ? "long" : "short");
                json.WriteDecimal("quantity", position.Quantity);
                json.WriteDecimal("entry_price", position.EntryPrice);
                json.WriteDecimal("mark_price", position.MarkPrice);
                json.WriteDecimal("unrealised_pnl", position.UnrealisedPnl);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("trades");
            json.WriteNumber("closed", report.Trades.Count);
            json.WriteNumber("wins", report.Trades.Count(t => t.ProfitAndLoss > 0m));
            json.WriteDecimal("realised_pnl", report.Trades.Sum(t => t.ProfitAndLoss));
            json.WriteDecimal("fees_paid", report.Tally.FeesPaid);
            json.WriteEndObject();

            Metrics(json, "agents", report.Performance);
            Metrics(json, "buy_and_hold", report.Baselines?.BuyAndHold);
            Metrics(json, "rules_only", report.Baselines?.RulesOnly);
            json.WriteBoolean("rules_only_is_same_run", report.Baselines?.RulesOnlyIsSameRun ?? report.Mode == "rules");
            json.WriteStartArray("notes");
            foreach (var note in report.Baselines?.Notes ?? [])
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();

            SessionTallyJson.Write(json, report.Tally, report.Budget, report.CacheUnavailable);

            json.WriteStartObject(RunKey);
            json.WriteString("id", report.RunId);
            json.WriteString("started_at", UtcTimestamp.Format(report.StartedAt));
            json.WriteNumber("elapsed_seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
            json.WriteBoolean("stopped_by_user", report.Stopped);
            json.WriteNumber("spans_dropped", report.SpansDropped);
            json.WriteNumberOrNull("budget_spent_today_usd", report.Budget.MaxUsdPerDay is null ? null : report.Budget.SpentTodayUsd);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Metrics(Utf8JsonWriter json, string name, PerformanceMetrics? metrics)
    {
        if (metrics is null)
        {
            json.WriteNull(name);
        }
        else
        {
            PerformanceMetricsJson.Write(json, name, metrics);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, UtcTimestamp.Format(t));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
