using CryptoFunk.Storage;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>A trace as listed: its id, its root span and how many spans it has.</summary>
public sealed record TraceSummary(string TraceId, SpanRecord Root, int SpanCount);
