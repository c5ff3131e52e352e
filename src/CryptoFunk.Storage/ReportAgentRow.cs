namespace CryptoFunk.Storage;

/// <summary>What a report needs of one agent's stored answer: who, when, what and how sure, where it came from, and what it cost.</summary>
public sealed record ReportAgentRow(
    string Agent,
    string AgentType,
    string Symbol,
    DateTimeOffset Time,
    string Action,
    decimal Confidence,
    string Source,
    string Model,
    bool Degraded,
    bool Abstained,
    long InputTokens,
    long OutputTokens,
    double LatencyMs,
    decimal CostUsd,
    int CallsLive,
    int CallsCached,
    int CallsReplayed,
    int CallsRefused);
