using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// What code knows of one decision, typed, for the rules engine: the prompt arguments carry only the texts a
/// template renders, and the rules read the market and the trade from here.
/// </summary>
/// <param name="Snapshot">Candles and indicators closed at or before the decision time.</param>
/// <param name="Position">The side of the open position in the symbol, or null when flat.</param>
public sealed record DecisionSituation(MarketSnapshot Snapshot, Trading.PositionSide? Position = null)
{
    /// <summary>The trade the risk agent reviews; null before a proposal is chosen.</summary>
    public TradeUnderReview? Review { get; init; }

    /// <summary><c>flat</c>, <c>long</c> or <c>short</c>, as prompts and the cache read it.</summary>
    public string PositionSide => Position switch
    {
        null => "flat",
        Trading.PositionSide.Long => "long",
        _ => "short",
    };
}
