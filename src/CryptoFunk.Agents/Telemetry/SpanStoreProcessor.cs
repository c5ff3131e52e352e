using System.Diagnostics;
using CryptoFunk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// The span store's bounded export processor: an ending span is queued and <see cref="SpanStoreExporter"/> stores
/// the queue in batches in the background. When <see cref="TelemetryOptions.SpanBufferCapacity"/> spans are waiting,
/// the ending span waits up to <see cref="TelemetryOptions.SpanBufferWait"/> for room, slowing the run down to what
/// the database can take; only then is it dropped, counted in <see cref="SpanDropCounter"/> and logged. Unless
/// <see cref="TelemetryOptions.StoreRulesOnlyTraces"/> is set, spans pass <see cref="RulesOnlyTraceFilter"/> first.
/// </summary>
public sealed partial class SpanStoreProcessor : BaseExportProcessor<Activity>
{
    private readonly BatchingWriter<Activity> _buffer;
    private readonly TimeSpan _wait;
    private readonly SpanDropCounter _drops;
    private readonly ILogger _logger;
    private readonly RulesOnlyTraceFilter? _filter;

    /// <summary>Starts the buffer's background loop.</summary>
    public SpanStoreProcessor(SpanStoreExporter exporter, IOptions<TelemetryOptions> options, SpanDropCounter drops, ILogger<SpanStoreProcessor> logger)
        : base(exporter)
    {
        _wait = options.Value.SpanBufferWait;
        _drops = drops;
        _logger = logger;
        _filter = options.Value.StoreRulesOnlyTraces ? null : new RulesOnlyTraceFilter();
        _buffer = new BatchingWriter<Activity>(options.Value.SpanBufferCapacity, ExportAsync);
    }

    /// <inheritdoc />
    protected override void OnExport(Activity data)
    {
        if (!data.Recorded)
        {
            return;
        }

        if (_filter is null)
        {
            Enqueue(data);
            return;
        }

        foreach (var span in _filter.Admit(data))
        {
            Enqueue(span);
        }
    }

    /// <inheritdoc />
    protected override bool OnForceFlush(int timeoutMilliseconds) =>
        _buffer.FlushAsync(CancellationToken.None).Wait(timeoutMilliseconds) && base.OnForceFlush(timeoutMilliseconds);

    /// <inheritdoc />
    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        var drained = _buffer.DisposeAsync().AsTask().Wait(timeoutMilliseconds);
        if (_drops.Total > 0)
        {
            LogDropped(_logger, _drops.Total);
        }

        return drained && base.OnShutdown(timeoutMilliseconds);
    }

    private void Enqueue(Activity span)
    {
        if (!_buffer.TryEnqueue(span, _wait) && _drops.Add() == 1)
        {
            LogBufferFull(_logger, _wait);
        }
    }

    private Task ExportAsync(IReadOnlyList<Activity> spans)
    {
        exporter.Export(new Batch<Activity>([.. spans], spans.Count));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The span buffer stayed full for {Wait}: dropping spans, counted per run (raise Telemetry:SpanBufferCapacity or Telemetry:SpanBufferWait)")]
    private static partial void LogBufferFull(ILogger logger, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} spans were dropped because the span buffer was full; their traces are incomplete")]
    private static partial void LogDropped(ILogger logger, long count);
}
