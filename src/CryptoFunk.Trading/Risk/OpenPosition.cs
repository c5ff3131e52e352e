using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Risk;

/// <summary>A position already held, with just enough to count it and to know what it can still lose.</summary>
/// <param name="Symbol">The market held.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Size in the base asset.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="StopLoss">Current stop; null means the whole entry notional counts as at risk.</param>
public sealed record OpenPosition(MarketSymbol Symbol, TradeSide Side, decimal Quantity, decimal EntryPrice, decimal? StopLoss)
{
    /// <summary>
    /// Loss if the stop is hit: quantity times the entry-to-stop distance on the losing side; zero once the stop has
    /// been moved past the entry (profit locked in); the whole notional when there is no stop.
    /// </summary>
    public decimal RiskToStop
    {
        get
        {
            var quantity = Math.Abs(Quantity);
            if (StopLoss is not { } stop)
            {
                return quantity * EntryPrice;
            }

            var lossPerUnit = Side == TradeSide.Long ? EntryPrice - stop : stop - EntryPrice;
            return Math.Max(0m, lossPerUnit) * quantity;
        }
    }
}
