namespace CryptoFunk.Trading;

/// <summary>Which way a position profits.</summary>
public enum PositionSide
{
    /// <summary>Profits when the price rises.</summary>
    Long,

    /// <summary>Profits when the price falls; only possible when shorts are allowed.</summary>
    Short,
}
