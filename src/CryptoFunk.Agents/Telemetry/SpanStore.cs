using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using CryptoFunk.Agents.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Keeps the agents' finished spans in the database, so traces can be inspected with <c>cryptofunk traces</c> without
/// running a collector. Spans are queued as they end and written in batches by a background loop, so recording
/// costs the agent call only an enqueue; <see cref="FlushAsync"/> waits until everything queued is written.
/// </summary>
public sealed partial class SpanStore : IAsyncDisposable
{
    private readonly Channel<SpanRecord> _queue;
    private readonly ActivityListener _listener;
    private readonly IDbContextFactory<CryptoFunkDbContext> _contexts;
    private readonly DatabaseMigrator _migrator;
    private readonly ILogger<SpanStore> _logger;
    private readonly Task _writer;
    private long _dropped;
    private volatile bool _writing;

    /// <summary>Starts listening to <see cref="AgentTelemetry.SourceName"/>.</summary>
    public SpanStore(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, IOptions<TelemetryOptions> options, ILogger<SpanStore> logger)
    {
        _contexts = contexts;
        _migrator = migrator;
        _logger = logger;
        _queue = Channel.CreateBounded<SpanRecord>(new BoundedChannelOptions(options.Value.SpanBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Spans dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Waits until every span queued so far is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.Count > 0 || _writing)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Stops listening and writes what is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _queue.Writer.TryComplete();
        await _writer;
    }

    private void Enqueue(Activity activity)
    {
        var record = new SpanRecord
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
            AttributesJson = Attributes(activity),
        };
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private static string Attributes(Activity activity)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in activity.TagObjects)
        {
            values[tag.Key] = tag.Value switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            };
        }

        return JsonSerializer.Serialize(values);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<SpanRecord>(256);
        while (await _queue.Reader.WaitToReadAsync())
        {
            _writing = true;
            try
            {
                while (batch.Count < 256 && _queue.Reader.TryRead(out var span))
                {
                    batch.Add(span);
                }

                await _migrator.MigrateAsync(CancellationToken.None);
                await using var context = await _contexts.CreateDbContextAsync();
                context.Spans.AddRange(batch);
                await context.SaveChangesAsync();
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                LogWriteFailed(_logger, batch.Count, e.Message);
            }
            finally
            {
                batch.Clear();
                _writing = false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} telemetry spans: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason);
}
