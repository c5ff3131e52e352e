namespace CryptoFunk.Trading.Risk;

/// <summary>
/// Direction of a trade. Long and Short (not Buy and Sell) because the stop and take-profit sides follow from the
/// position's direction, not from the order that opens or closes it.
/// </summary>
public enum TradeSide
{
    /// <summary>Profits when the price rises; the stop sits below the entry.</summary>
    Long,

    /// <summary>Profits when the price falls; the stop sits above the entry.</summary>
    Short,
}
