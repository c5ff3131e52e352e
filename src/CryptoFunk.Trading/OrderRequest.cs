using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// What a decision asks the broker to do. The decision time is kept so a market order can only fill at a price
/// that existed after the decision, never at the bar the model saw.
/// </summary>
/// <param name="ClientOrderId">Caller's id, unique per broker; links fills and closed trades back to the decision.</param>
/// <param name="Symbol">Market to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Quantity">Base-asset quantity; must be positive and is never resized by the broker.</param>
/// <param name="LimitPrice">Required for limit orders, refused for market orders.</param>
/// <param name="StopLoss">Exit price that limits the loss of the position this order opens.</param>
/// <param name="TakeProfit">Exit price that takes the gain of the position this order opens.</param>
/// <param name="DecisionTime">When the decision was made; the order is live from the first candle opening at or after it.</param>
/// <remarks>
/// Entries and closes are the same record and take the same path through <see cref="IBroker.Submit"/>: the same
/// checks, exchange rules, fees and unique ids. A close only adds <see cref="CloseReason"/>.
/// </remarks>
public sealed record OrderRequest(
    string ClientOrderId,
    MarketSymbol Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    DateTimeOffset DecisionTime)
{
    /// <summary>
    /// Set on an order meant to close a position: the closed trade's exit reason. Such an order is refused unless it
    /// reduces an open position, so a close can never open one.
    /// </summary>
    public string? CloseReason { get; init; }

    /// <summary>A market order for the whole of <paramref name="position"/>, on the side that closes it.</summary>
    public static OrderRequest Close(Position position, string clientOrderId, DateTimeOffset decisionTime, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new OrderRequest(clientOrderId, position.Symbol, position.Side.ClosingSide(), OrderType.Market, position.Quantity, null, null, null, decisionTime)
        {
            CloseReason = reason,
        };
    }
}
