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
    decimal EntryFees)
{
    /// <summary>
    /// Loss if the stop is hit, what the portfolio-risk limit adds up: quantity times the entry-to-stop distance on
    /// the losing side; zero once the stop has been moved past the entry (profit locked in); the whole notional when
    /// there is no stop.
    /// </summary>
    public decimal RiskToStop
    {
        get
        {
            if (StopLoss is not { } stop)
            {
                return Quantity * AverageEntryPrice;
            }

            var lossPerUnit = Side == PositionSide.Long ? AverageEntryPrice - stop : stop - AverageEntryPrice;
            return Math.Max(0m, lossPerUnit) * Quantity;
        }
    }

    /// <summary>
    /// What the position adds to equity at <paramref name="mark"/>: a long its quantity at the mark; a short, fully
    /// collateralised, its collateral plus the gain, <c>quantity * (2 * entry - mark)</c>.
    /// </summary>
    public decimal ValueAt(decimal mark) =>
        Side == PositionSide.Long ? Quantity * mark : Quantity * ((2m * AverageEntryPrice) - mark);

    /// <summary>Gain per unit at <paramref name="mark"/> against the average entry, negative for a loss, before fees.</summary>
    public decimal GainPerUnitAt(decimal mark) => Side == PositionSide.Long ? mark - AverageEntryPrice : AverageEntryPrice - mark;

    /// <summary>Unrealised result at <paramref name="mark"/> before the fee of closing (the entry fee is already paid).</summary>
    public decimal UnrealisedProfitAndLossAt(decimal mark) => GainPerUnitAt(mark) * Quantity;
}
