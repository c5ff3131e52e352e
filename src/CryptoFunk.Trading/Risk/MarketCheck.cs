using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Risk;

/// <summary>The market price from plugin data at decision time, against which a proposal's entry is checked.</summary>
/// <param name="Symbol">The market the price is for; must match the proposal's.</param>
/// <param name="MarketPrice">Last price from the market-data plugin.</param>
/// <param name="DecisionTime">When the decision is made, kept with the assessment for the record.</param>
public sealed record MarketCheck(MarketSymbol Symbol, decimal MarketPrice, DateTimeOffset DecisionTime);
