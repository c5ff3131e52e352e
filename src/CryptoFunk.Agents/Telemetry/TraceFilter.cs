namespace CryptoFunk.Agents.Telemetry;

/// <summary>Which decision traces to list: one run's, and those whose decision time (market time) is in a window.</summary>
/// <param name="RunId">Only traces of this run; null for any.</param>
/// <param name="From">Only decisions at or after this time; null for no bound.</param>
/// <param name="To">Only decisions before this time; null for no bound.</param>
public sealed record TraceFilter(string? RunId = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>True when every trace passes.</summary>
    public bool IsEmpty => RunId is null && From is null && To is null;
}
