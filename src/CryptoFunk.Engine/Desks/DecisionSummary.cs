using CryptoFunk.Agents.Answers;
using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Desks;

/// <summary>A market's decision at a close as the paper screen and log show it.</summary>
/// <param name="Symbol">The market.</param>
/// <param name="DecisionTime">The close decided at.</param>
/// <param name="Action">BUY, SELL, HOLD or CLOSE, as executed.</param>
/// <param name="Quantity">Base-asset quantity of an entry or close, else zero.</param>
/// <param name="Confidence">The analysts' majority confidence; 0 when they never voted.</param>
/// <param name="Sources">Where the agents' answers came from, distinct, sorted, joined with '+'.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record DecisionSummary(
    MarketSymbol Symbol, DateTimeOffset DecisionTime, TradeAction Action, decimal Quantity, double Confidence, string Sources, string Reason)
{
    /// <summary>True for BUY or SELL with a positive quantity.</summary>
    public bool IsEntry => Action is TradeAction.Buy or TradeAction.Sell && Quantity > 0;
}
