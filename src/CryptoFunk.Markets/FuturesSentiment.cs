namespace CryptoFunk.Markets;

/// <summary>
/// The crowd's positioning in the perpetual futures market of a spot symbol as known at a decision time: each part
/// stamped at or before it, and each may be missing (the exchange had none, or did not answer in time), so an agent
/// is told exactly what there is.
/// </summary>
/// <param name="Funding">The funding rate last settled.</param>
/// <param name="OpenInterest">The latest open interest reading.</param>
/// <param name="LongShort">The latest long/short account split.</param>
public sealed record FuturesSentiment(FundingRate? Funding, OpenInterest? OpenInterest, LongShortRatio? LongShort)
{
    /// <summary>The latest time any part is stamped with, to check that none is after the decision.</summary>
    public DateTimeOffset? Latest => new[] { Funding?.Time, OpenInterest?.Time, LongShort?.Time }.Max();
}
