using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Everything that receives the agents' telemetry for the life of one command: the local span store and, when
/// <see cref="TelemetryOptions.OtlpEndpoint"/> is set, OTLP export of traces and metrics. Disposing it flushes both.
/// </summary>
public sealed class TelemetryPipeline : IAsyncDisposable
{
    private readonly TracerProvider? _tracerProvider;
    private readonly MeterProvider? _meterProvider;

    /// <summary>Starts the configured receivers.</summary>
    public TelemetryPipeline(IOptions<TelemetryOptions> options, SpanStore? spanStore = null)
    {
        SpanStore = options.Value.StoreSpans ? spanStore : null;
        if (string.IsNullOrWhiteSpace(options.Value.OtlpEndpoint))
        {
            return;
        }

        var protocol = options.Value.OtlpProtocol switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), [$"Telemetry:OtlpProtocol '{other}' must be grpc or http/protobuf"]),
        };
        if (!Uri.TryCreate(options.Value.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), [$"Telemetry:OtlpEndpoint '{options.Value.OtlpEndpoint}' is not an absolute URL"]);
        }

        _tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(AgentTelemetry.SourceName, AgentTelemetry.ModelSourceName)
            .AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/traces"))
            .Build();
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(AgentTelemetry.SourceName, AgentTelemetry.ModelSourceName)
            .AddOtlpExporter(o => Configure(o, endpoint, protocol, "v1/metrics"))
            .Build();
    }

    /// <summary>The local span store, when spans are stored.</summary>
    public SpanStore? SpanStore { get; }

    /// <summary>Writes out what has been recorded so far.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _tracerProvider?.ForceFlush();
        _meterProvider?.ForceFlush();
        if (SpanStore is not null)
        {
            await SpanStore.FlushAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _tracerProvider?.Dispose();
        _meterProvider?.Dispose();
        if (SpanStore is not null)
        {
            await SpanStore.DisposeAsync();
        }
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
