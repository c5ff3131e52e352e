using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoFunk.Storage;
using OpenTelemetry;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Exports finished spans into the local span store (the <c>spans</c> table), so traces can be inspected with
/// <c>cryptofunk traces</c> without running a collector.
/// </summary>
public sealed class SpanStoreExporter(BatchInserter inserter) : BaseExporter<Activity>
{
    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var rows = new List<SpanRecord>((int)batch.Count);
        foreach (var activity in batch)
        {
            rows.Add(ToRecord(activity));
        }

        // Export is synchronous by OpenTelemetry's contract; it runs on the span buffer's background loop, never on
        // the thread that ended the span.
        return inserter.TryInsertAsync(rows, CancellationToken.None).GetAwaiter().GetResult() ? ExportResult.Success : ExportResult.Failure;
    }

    private static SpanRecord ToRecord(Activity activity) => new()
    {
        TraceId = activity.TraceId.ToHexString(),
        SpanId = activity.SpanId.ToHexString(),
        ParentSpanId = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
        Name = activity.DisplayName,
        Kind = activity.Kind.ToString(),
        StartTime = new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
        DurationMs = activity.Duration.TotalMilliseconds,
        Status = activity.Status.ToString(),
        StatusDescription = activity.StatusDescription,
        AttributesJson = AttributesJson(activity),
    };

    /// <summary>
    /// The tags as one JSON object of strings, keys in ordinal order, a repeated key keeping its last value: the text
    /// a sorted dictionary serialized with the default options gives, written directly.
    /// </summary>
    private static string AttributesJson(Activity activity)
    {
        var tags = new List<(string Key, int Order, string? Value)>();
        foreach (var (key, value) in activity.TagObjects)
        {
            tags.Add((key, tags.Count, value switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            }));
        }

        tags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byKey and not 0 ? byKey : a.Order.CompareTo(b.Order));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < tags.Count; i++)
            {
                if (i + 1 < tags.Count && tags[i + 1].Key == tags[i].Key)
                {
                    continue;
                }

                json.WriteString(tags[i].Key, tags[i].Value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
