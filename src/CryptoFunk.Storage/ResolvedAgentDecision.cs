using CryptoFunk.Markets;

namespace CryptoFunk.Storage;

/// <summary>One stored agent answer whose trade has closed, with its outcome and when that became known.</summary>
/// <param name="AgentName">The agent that answered.</param>
/// <param name="Symbol">Market decided on.</param>
/// <param name="DecisionTime">Market time of the decision.</param>
/// <param name="Action">The agent's signal or action.</param>
/// <param name="Confidence">The agent's confidence (0..1).</param>
/// <param name="Reasoning">The agent's reasoning.</param>
/// <param name="EntryPrice">Entry price of the trade.</param>
/// <param name="Features">Market-state features the agent saw.</param>
/// <param name="OrderId">Client order id of the decision's opening order.</param>
/// <param name="PnlPercent">Result as a percentage of the entry notional.</param>
/// <param name="OutcomeKnownAt">Market time the trade closed.</param>
public sealed record ResolvedAgentDecision(
    string AgentName,
    MarketSymbol Symbol,
    DateTimeOffset DecisionTime,
    string Action,
    decimal Confidence,
    string Reasoning,
    decimal? EntryPrice,
    IReadOnlyList<double> Features,
    string? OrderId,
    decimal PnlPercent,
    DateTimeOffset OutcomeKnownAt);
