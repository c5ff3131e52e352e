namespace CryptoFunk.Agents.Memory;

/// <summary>A remembered decision together with its outcome, as stored, for seeding memory after a restart.</summary>
/// <param name="Entry">The decision.</param>
/// <param name="Outcome">How it turned out.</param>
public sealed record ResolvedMemoryEntry(MemoryEntry Entry, MemoryOutcome Outcome);
