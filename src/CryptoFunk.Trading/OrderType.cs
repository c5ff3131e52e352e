namespace CryptoFunk.Trading;

/// <summary>How an order's price is decided.</summary>
public enum OrderType
{
    /// <summary>Fills at the first open after the decision, plus slippage.</summary>
    Market,

    /// <summary>Fills only when a candle trades through the limit price, never at a worse price.</summary>
    Limit,
}
