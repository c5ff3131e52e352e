using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Registers OpenTelemetry through its hosting package: tracing and metrics over <see cref="TelemetrySources"/>, the
/// local span store as an exporter, OTLP export when an endpoint is configured, and a flush when the host stops.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds telemetry bound to the <c>Telemetry</c> section.</summary>
    /// <exception cref="OptionsValidationException">The OTLP endpoint or protocol is not valid.</exception>
    public static IServiceCollection AddAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section);
        services.TryAddSingleton<SpanDropCounter>();
        services.TryAddSingleton<TraceQueries>();
        services.TryAddSingleton<TelemetryQueries>();
        services.AddHostedService<TelemetryFlush>();

        // Which exporters exist is decided here, from configuration: exporters register services of their own.
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Otlp(options);
        var sources = TelemetrySources.Names.ToArray();
        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(sources);
                if (options.StoreSpans)
                {
                    tracing.AddProcessor(provider =>
                        ActivatorUtilities.CreateInstance<SpanStoreProcessor>(provider, ActivatorUtilities.CreateInstance<SpanStoreExporter>(provider)));
                }

                if (otlp is { } export)
                {
                    tracing.AddOtlpExporter(o => Configure(o, export, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(sources);
                if (otlp is { } export)
                {
                    metrics.AddOtlpExporter(o => Configure(o, export, "v1/metrics"));
                }
            });
        return services;
    }

    private static (Uri Endpoint, OtlpExportProtocol Protocol)? Otlp(TelemetryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return null;
        }

        var protocol = options.OtlpProtocol switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), [$"Telemetry:OtlpProtocol '{other}' must be grpc or http/protobuf"]),
        };
        if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), [$"Telemetry:OtlpEndpoint '{options.OtlpEndpoint}' is not an absolute URL"]);
        }

        return (endpoint, protocol);
    }

    private static void Configure(OtlpExporterOptions exporter, (Uri Endpoint, OtlpExportProtocol Protocol) target, string signalPath)
    {
        exporter.Protocol = target.Protocol;
        exporter.Endpoint = target.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(target.Endpoint, target.Endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : target.Endpoint;
    }
}
