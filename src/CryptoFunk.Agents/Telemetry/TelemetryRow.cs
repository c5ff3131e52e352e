namespace CryptoFunk.Agents.Telemetry;

/// <summary>One agent's or one provider's model calls: how many, how fast, what they cost, and how they failed.</summary>
/// <param name="Name">The agent (<c>technical_analysis</c>) or provider (<c>openai/gpt-4o-mini</c>).</param>
/// <param name="Calls">Model calls logged (served by a provider, the cache or a recording, or failed); for a provider, the calls it answered.</param>
/// <param name="LatencyP50Ms">Median latency of those calls, in milliseconds; null without calls.</param>
/// <param name="LatencyP95Ms">95th-percentile latency, in milliseconds; null without calls.</param>
/// <param name="InputTokens">Prompt tokens billed.</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
/// <param name="CostUsd">Cost in US dollars at the configured prices.</param>
/// <param name="CacheHitRate">Share of the calls the answer cache served; null for a provider.</param>
/// <param name="ErrorsByKind">Provider failures by kind (<c>RateLimited</c>, <c>Timeout</c>, <c>ServerError</c>, <c>CircuitOpen</c>, ...).</param>
/// <param name="FallbacksByLayer">
/// For an agent, answers that fell back, by layer: <c>other_provider</c> (a later provider answered), then its degraded
/// answers by source (<c>cache</c>, <c>rules</c>, <c>hold</c>, <c>budget</c>); empty for a provider.
/// </param>
public sealed record TelemetryRow(
    string Name,
    int Calls,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    double? CacheHitRate,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    IReadOnlyDictionary<string, int> FallbacksByLayer);
