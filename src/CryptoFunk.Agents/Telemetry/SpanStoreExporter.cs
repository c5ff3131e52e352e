using System.Diagnostics;
using System.Globalization;
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

    private static SpanRecord ToRecord(Activity activity)
    {
        var attributes = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in activity.TagObjects)
        {
            attributes[key] = value switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            };
        }

        return new SpanRecord
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
            AttributesJson = JsonSerializer.Serialize(attributes),
        };
    }
}
