using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The outcome of (part of) a position once it is closed, so the caller can write it back to the decisions that
/// opened it through <see cref="OpeningOrderIds"/>.
/// </summary>
/// <param name="Symbol">Market traded.</param>
/// <param name="Side">Side of the closed position.</param>
/// <param name="Quantity">Base-asset quantity closed.</param>
/// <param name="EntryPrice">Average entry price of the closed quantity.</param>
/// <param name="ExitPrice">Exit fill price including slippage.</param>
/// <param name="EntryTime">When the position was opened.</param>
/// <param name="ExitTime">When this quantity was closed.</param>
/// <param name="ProfitAndLoss">Quote-currency result after the entry fee share and the exit fee.</param>
/// <param name="ProfitAndLossPercent">Result as a percentage of the entry notional (1.5 means 1.5%).</param>
/// <param name="HoldTime">Exit time minus entry time.</param>
/// <param name="ExitReason">A <see cref="FillReasons"/> value, or the closing order's <see cref="OrderRequest.CloseReason"/>.</param>
/// <param name="OpeningOrderIds">Client order ids that opened the position.</param>
/// <param name="ExitOrderId">Order id carried by the exit fill.</param>
public sealed record ClosedTrade(
    MarketSymbol Symbol,
    PositionSide Side,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal ProfitAndLoss,
    decimal ProfitAndLossPercent,
    TimeSpan HoldTime,
    string ExitReason,
    IReadOnlyList<string> OpeningOrderIds,
    string ExitOrderId)
{
    /// <summary>The first order that opened the position, the usual link back to a single decision.</summary>
    public string OpeningOrderId => OpeningOrderIds[0];
}
