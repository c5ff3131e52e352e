namespace CryptoFunk.Trading;

/// <summary>Direction of an order; whether it opens or closes depends on the position it meets.</summary>
public enum OrderSide
{
    /// <summary>Buys the base asset: opens or adds to a long, or covers a short.</summary>
    Buy,

    /// <summary>Sells the base asset: reduces or closes a long, or opens a short when shorts are allowed.</summary>
    Sell,
}
