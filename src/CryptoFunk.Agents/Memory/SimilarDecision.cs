namespace CryptoFunk.Agents.Memory;

/// <summary>A past decision recalled because its market looked like the current one.</summary>
/// <param name="Entry">The past decision.</param>
/// <param name="Outcome">How it turned out.</param>
/// <param name="Similarity">Feature similarity to the current market state, in [0, 1].</param>
public sealed record SimilarDecision(MemoryEntry Entry, MemoryOutcome Outcome, double Similarity);
