using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Keeps the agents' finished spans in the database, so traces can be inspected with <c>cryptofunk traces</c> without
/// running a collector. A span ending costs the agent call only a copy of its fields and an enqueue; formatting and
/// storing happen in a <see cref="BatchingWriter{T}"/>'s background loop.
/// </summary>
public sealed class SpanStore : IAsyncDisposable
{
    private readonly ActivityListener _listener;
    private readonly BatchingWriter<FinishedSpan> _writer;

    /// <summary>Starts listening to <see cref="AgentTelemetry.SourceName"/>.</summary>
    public SpanStore(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, IOptions<TelemetryOptions> options, ILogger<SpanStore> logger)
    {
        _writer = new BatchingWriter<FinishedSpan>(contexts, migrator, logger, options.Value.SpanBufferCapacity, ToRecord);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AgentTelemetry.SourceName or AgentTelemetry.ModelSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _writer.Enqueue(new FinishedSpan(activity, [.. activity.TagObjects])),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Spans dropped because the queue was full.</summary>
    public long Dropped => _writer.Dropped;

    /// <summary>Waits until every span finished so far is in the database.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <summary>Stops listening and writes what is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _writer.DisposeAsync();
    }

    private static SpanRecord ToRecord(FinishedSpan span)
    {
        var activity = span.Activity;
        var attributes = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in span.Tags)
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

    /// <summary>A stopped activity and its tags as they were when it stopped.</summary>
    private sealed record FinishedSpan(Activity Activity, KeyValuePair<string, object?>[] Tags);
}
