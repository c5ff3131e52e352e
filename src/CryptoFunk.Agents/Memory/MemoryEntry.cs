using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Memory;

/// <summary>One agent's answer at one decision time, kept so later decisions can learn from how it turned out.</summary>
/// <param name="AgentName">The agent that answered.</param>
/// <param name="Symbol">Market decided on.</param>
/// <param name="DecisionTime">Market time of the decision.</param>
/// <param name="Action">The agent's signal or action.</param>
/// <param name="Confidence">The agent's confidence (0..1).</param>
/// <param name="Reasoning">The agent's reasoning.</param>
/// <param name="EntryPrice">Entry price of the trade the decision led to, when known.</param>
/// <param name="Features">Market-state features the agent saw, for similarity search.</param>
/// <param name="OrderId">Client order id the decision placed; the link to its outcome. Without one, no outcome can ever arrive.</param>
public sealed record MemoryEntry(
    string AgentName,
    MarketSymbol Symbol,
    DateTimeOffset DecisionTime,
    string Action,
    decimal Confidence,
    string Reasoning,
    decimal? EntryPrice,
    IReadOnlyList<double> Features,
    string? OrderId);
