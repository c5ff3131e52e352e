using System.Buffers;
using System.Text;
using System.Text.Json;
using CryptoFunk.Host.Commands;

namespace CryptoFunk.Host.Output;

/// <summary>
/// <c>sweep --json</c>: the sweep, then every backtest best first. A backtest's object is its <c>backtest --json</c>
/// summary, key for key (the same writer made it), after its <c>combination</c> number, <c>settings</c>, how many
/// <c>attempts</c> it took (more than one when silos were lost under it) and the <c>silo</c> that ran it; a failed
/// one has <c>error</c> instead.
/// </summary>
internal static class SweepJson
{
    public static string Write(SweepSummary summary)
    {
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("sweep", summary.Id);
            Strings(json, "symbols", summary.Symbols);
            json.WriteStartArray("vary");
            foreach (var vary in summary.Vary)
            {
                json.WriteStartObject();
                json.WriteString("key", vary.Key);
                Strings(json, "values", vary.Values);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("sort", summary.Sort);
            json.WriteNumber("combinations", summary.Combinations);
            json.WriteNumber("backtests", summary.Outcomes.Count);
            json.WriteNumber("failed", summary.Failed);
            Strings(json, "silos", summary.Silos);
            json.WriteNumber("elapsed_seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            json.WriteStartArray("results");
            foreach (var outcome in summary.Ranked)
            {
                json.WriteStartObject();
                json.WriteNumber("combination", outcome.Order.Combination);
                json.WriteStartObject("settings");
                foreach (var setting in outcome.Order.Settings)
                {
                    json.WriteString(setting.Key, setting.Value);
                }

                json.WriteEndObject();
                json.WriteNumber("attempts", outcome.Order.Attempt);
                if (outcome.Result is { } result)
                {
                    json.WriteString("silo", result.Silo);
                    using var report = JsonDocument.Parse(result.ReportJson);
                    foreach (var property in report.RootElement.EnumerateObject())
                    {
                        property.WriteTo(json);
                    }
                }
                else
                {
                    json.WriteString("symbol", outcome.Order.Symbol);
                    json.WriteString("run_id", outcome.Order.RunId);
                    json.WriteString("error", outcome.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
