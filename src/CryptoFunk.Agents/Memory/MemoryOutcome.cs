namespace CryptoFunk.Agents.Memory;

/// <summary>How a remembered decision turned out, and from when that was known (so recall never looks ahead).</summary>
/// <param name="PnlPercent">Result as a percentage of the entry notional (1.5 means 1.5%).</param>
/// <param name="KnownAt">Market time the trade closed.</param>
public sealed record MemoryOutcome(decimal PnlPercent, DateTimeOffset KnownAt);
