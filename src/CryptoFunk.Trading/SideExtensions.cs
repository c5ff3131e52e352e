namespace CryptoFunk.Trading;

/// <summary>
/// The one place an order's side and a position's side are converted: a buy opens a long or covers a short, a sell
/// closes a long or opens a short.
/// </summary>
public static class SideExtensions
{
    /// <summary>The order side that opens or adds to a position on <paramref name="side"/>.</summary>
    public static OrderSide OpeningSide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;

    /// <summary>The order side that reduces or closes a position on <paramref name="side"/>.</summary>
    public static OrderSide ClosingSide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>The position side an order on <paramref name="side"/> opens when it meets no position to reduce.</summary>
    public static PositionSide OpensSide(this OrderSide side) => side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;
}
