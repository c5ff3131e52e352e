using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>One execution with its full cost, so backtest results include fees and slippage.</summary>
/// <param name="FillId">Broker-assigned id, unique and increasing; a fill is applied exactly once.</param>
/// <param name="OrderId">Client order id of the order, or of the opening order for stop-loss and take-profit exits.</param>
/// <param name="Symbol">Market traded.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base-asset quantity filled.</param>
/// <param name="Price">Execution price including slippage.</param>
/// <param name="Fee">Quote-currency fee: taker rate times notional.</param>
/// <param name="SlippageCost">Quote currency lost to slippage against the reference price.</param>
/// <param name="Time">Open time of the candle the fill happened in.</param>
/// <param name="Reason">Why it filled; one of the <see cref="FillReasons"/> values.</param>
public sealed record Fill(
    long FillId,
    string OrderId,
    MarketSymbol Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    decimal SlippageCost,
    DateTimeOffset Time,
    string Reason)
{
    /// <summary>Quote-currency value of the fill before fees.</summary>
    public decimal Notional => Quantity * Price;
}
