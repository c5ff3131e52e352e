namespace CryptoFunk.Agents.Telemetry;

/// <summary>The agents' telemetry of one run, or of every call stored, per agent and per provider.</summary>
/// <param name="RunId">The run, or null for everything stored.</param>
/// <param name="Agents">One row per agent, by name.</param>
/// <param name="Providers">One row per provider that answered or failed, by name.</param>
public sealed record TelemetryReport(string? RunId, IReadOnlyList<TelemetryRow> Agents, IReadOnlyList<TelemetryRow> Providers);
