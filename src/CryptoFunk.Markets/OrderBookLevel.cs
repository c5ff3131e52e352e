namespace CryptoFunk.Markets;

/// <summary>One price level of an order book: the resting quantity (in the base asset) at a price.</summary>
/// <param name="Price">Limit price in the quote asset.</param>
/// <param name="Quantity">Total quantity resting at that price, in the base asset.</param>
public readonly record struct OrderBookLevel(decimal Price, decimal Quantity);
