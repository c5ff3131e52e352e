namespace CryptoFunk.Storage;

/// <summary>A finished telemetry span kept locally, so <c>cryptofunk</c> can show traces without a collector.</summary>
public sealed class SpanRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>W3C trace id.</summary>
    public required string TraceId { get; set; }

    /// <summary>W3C span id.</summary>
    public required string SpanId { get; set; }

    /// <summary>Parent span id; null for a root span.</summary>
    public string? ParentSpanId { get; set; }

    /// <summary>Span name, e.g. <c>invoke_agent technical_analysis</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Span kind (Internal, Client, ...).</summary>
    public required string Kind { get; set; }

    /// <summary>Start time.</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>Duration in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>Unset, Ok or Error.</summary>
    public required string Status { get; set; }

    /// <summary>Status description (the error), when any.</summary>
    public string? StatusDescription { get; set; }

    /// <summary>Attributes as a JSON object.</summary>
    public required string AttributesJson { get; set; }
}
