using CryptoFunk.Engine.Desks;

namespace CryptoFunk.Cluster.Paper;

/// <summary>What one close did to an account grain, stored before it is returned.</summary>
/// <param name="Time">The close.</param>
/// <param name="Decisions">The decisions made at it, in the markets' order.</param>
/// <param name="Equity">Cash plus positions marked at the last closes.</param>
/// <param name="Cash">Cash not tied up in positions.</param>
public sealed record AccountStep(DateTimeOffset Time, IReadOnlyList<DecisionSummary> Decisions, decimal Equity, decimal Cash);
