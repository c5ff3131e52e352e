namespace CryptoFunk.Storage;

/// <summary>A run's decisions counted as its summary counts them.</summary>
/// <param name="ByAction">Decisions per action.</param>
/// <param name="Degraded">Decisions in which an agent failed, abstained or answered from a fallback.</param>
/// <param name="AgentsBySource">Agent answers per source.</param>
/// <param name="InputTokens">Tokens read by models.</param>
/// <param name="OutputTokens">Tokens written by models.</param>
/// <param name="CostUsd">Model cost.</param>
/// <param name="CallsLive">Model calls a provider served.</param>
/// <param name="CallsCached">Model calls the cache served.</param>
/// <param name="CallsReplayed">Model calls a recording served.</param>
/// <param name="CallsRefused">Model calls the model budget refused.</param>
/// <param name="RefusalsByReason">Decisions per refusal code.</param>
/// <param name="ClampsByLimit">Decisions per limit that clamped them.</param>
public sealed record StoredDecisionCounts(
    IReadOnlyDictionary<string, int> ByAction,
    int Degraded,
    IReadOnlyDictionary<string, int> AgentsBySource,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    int CallsLive,
    int CallsCached,
    int CallsReplayed,
    int CallsRefused,
    IReadOnlyDictionary<string, int> RefusalsByReason,
    IReadOnlyDictionary<string, int> ClampsByLimit);
