using CryptoFunk.Trading;

namespace CryptoFunk.Plugins;

/// <summary>
/// An order as the execution step (or a model) states it: what to trade, not where or when. The market is the
/// <see cref="OrdersPlugin"/>'s and the decision time is its clock's, so neither can be got wrong or back-dated.
/// </summary>
/// <param name="ClientOrderId">Caller's id, unique per broker; links fills back to the decision.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base-asset quantity; positive, never resized.</param>
/// <param name="Type">Market (the next candle's open) or limit.</param>
/// <param name="LimitPrice">Required for limit orders, refused for market orders.</param>
/// <param name="StopLoss">Exit price limiting the loss of the position this order opens.</param>
/// <param name="TakeProfit">Exit price taking the gain of the position this order opens.</param>
public sealed record OrderTicket(
    string ClientOrderId,
    OrderSide Side,
    decimal Quantity,
    OrderType Type = OrderType.Market,
    decimal? LimitPrice = null,
    decimal? StopLoss = null,
    decimal? TakeProfit = null);
