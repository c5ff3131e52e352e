using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Risk;

/// <summary>A strategy agent's trade as the risk gate sees it; every number is checked, none is trusted.</summary>
/// <param name="AgentName">The strategy agent that proposed the trade, named in clamps and rejections.</param>
/// <param name="Symbol">The market traded.</param>
/// <param name="Side">Long or short; decides which side of the entry the stop and take profit must be on.</param>
/// <param name="EntryPrice">Intended entry, in the quote asset.</param>
/// <param name="StopLoss">Stop price; null is rejected because the loss could not be bounded.</param>
/// <param name="TakeProfit">Target price; null leaves the sizer without a reward/risk ratio, so Kelly is skipped.</param>
/// <param name="Confidence">The agent's confidence (0..1), kept for the record; Kelly uses a win rate, not this label.</param>
/// <param name="Quantity">Quantity the agent asks for in the base asset; null lets the sizer choose.</param>
public sealed record TradeProposal(
    string AgentName,
    MarketSymbol Symbol,
    PositionSide Side,
    decimal EntryPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    decimal Confidence,
    decimal? Quantity = null);
