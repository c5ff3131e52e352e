using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>An open holding in one market; the broker keeps at most one per symbol (net position).</summary>
/// <param name="Symbol">Market held.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Base-asset quantity still open.</param>
/// <param name="AverageEntryPrice">Quantity-weighted entry price of the open quantity.</param>
/// <param name="StopLoss">Exit price limiting the loss; null when none was set.</param>
/// <param name="TakeProfit">Exit price taking the gain; null when none was set.</param>
/// <param name="OpenedAt">Time of the first fill that opened the position.</param>
/// <param name="OpeningOrderIds">Client order ids that opened or added to the position, oldest first.</param>
/// <param name="EntryFees">Entry fees not yet charged to a closed trade, so closed P&amp;L includes both fees.</param>
public sealed record Position(
    MarketSymbol Symbol,
    PositionSide Side,
    decimal Quantity,
    decimal AverageEntryPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    DateTimeOffset OpenedAt,
    IReadOnlyList<string> OpeningOrderIds,
    decimal EntryFees);
