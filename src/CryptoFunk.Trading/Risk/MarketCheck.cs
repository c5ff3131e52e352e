using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Risk;

/// <summary>
/// The market at decision time, against which a proposal is checked: its price from plugin data, and the exchange's
/// order rules the final quantity must meet.
/// </summary>
/// <param name="Symbol">The market the price is for; must match the proposal's.</param>
/// <param name="MarketPrice">Last price from the market-data plugin; the minimum order value is checked at it.</param>
/// <param name="DecisionTime">When the decision is made, kept with the assessment for the record.</param>
public sealed record MarketCheck(MarketSymbol Symbol, decimal MarketPrice, DateTimeOffset DecisionTime)
{
    /// <summary>The exchange's order rules for <see cref="Symbol"/>; none unless given (the trading session always gives them).</summary>
    public ExchangeRules Rules { get; init; } = ExchangeRules.None;
}
