namespace CryptoFunk.Storage;

/// <summary>One agent's answer in a decision that placed an entry: what decision memory remembers.</summary>
public sealed record StoredEntryAnswer(
    string AgentName,
    string Symbol,
    DateTimeOffset DecisionTime,
    string Action,
    decimal Confidence,
    string Reasoning,
    decimal? EntryPrice,
    IReadOnlyList<double> Features,
    string OrderId);
