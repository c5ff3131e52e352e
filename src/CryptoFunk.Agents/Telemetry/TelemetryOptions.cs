namespace CryptoFunk.Agents.Telemetry;

/// <summary>Where telemetry goes (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Telemetry";

    /// <summary>An OTLP endpoint (e.g. <c>http://127.0.0.1:4317</c>); when set, traces and metrics are exported there.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318, paths <c>/v1/traces</c> and <c>/v1/metrics</c>).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Keep finished spans in the database so <c>cryptofunk traces</c> can show them; on by default.</summary>
    public bool StoreSpans { get; set; } = true;

    /// <summary>
    /// Also store traces in which every answer came from the rules engine as configured and nothing failed; off by
    /// default because they repeat what the agents' decision rows hold (see <see cref="RulesOnlyTraceFilter"/>).
    /// </summary>
    public bool StoreRulesOnlyTraces { get; set; }

    /// <summary>Spans kept in memory waiting to be stored; an ending span finding it full waits for room.</summary>
    public int SpanBufferCapacity { get; set; } = 10_000;

    /// <summary>How long an ending span waits for room in a full buffer before it is dropped (and counted).</summary>
    public TimeSpan SpanBufferWait { get; set; } = TimeSpan.FromSeconds(5);
}
