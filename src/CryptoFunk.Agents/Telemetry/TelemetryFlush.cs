using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Writes out the spans and metrics still buffered when the host stops, so the last spans of a command are in the
/// span store (and at the collector) before the process exits.
/// </summary>
internal sealed class TelemetryFlush(TracerProvider tracing, MeterProvider metrics) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracing.ForceFlush();
        metrics.ForceFlush();
        return Task.CompletedTask;
    }
}
