using System.Collections.ObjectModel;
using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Paper;

/// <summary>A candle close the trading loop acts on.</summary>
/// <param name="Time">The close time: every market with a candle closing then settles and decides.</param>
/// <param name="Extended">Markets whose history grew since the last close (live data); empty when nothing changed.</param>
/// <param name="IsLast">No later candle will come (the end of replayed data), so nothing is decided at this close:
/// an order placed then could never fill.</param>
/// <param name="Missed">The close went by while the program was down (or a whole bar before the loop got to it): its
/// candles are settled, so stops and targets hit then still fill, but nothing is decided on data that old.</param>
public sealed record MarketClose(DateTimeOffset Time, IReadOnlyList<MarketHistory> Extended, bool IsLast, bool Missed = false)
{
    /// <summary>
    /// What each market showed at this close beyond its candles (live data: order book, futures sentiment), for the
    /// decisions; empty when the feed has none.
    /// </summary>
    public IReadOnlyDictionary<MarketSymbol, MarketExtras> Extras { get; init; } = ReadOnlyDictionary<MarketSymbol, MarketExtras>.Empty;

    /// <summary>Whether the agents decide at this close; otherwise it is only settled.</summary>
    public bool Decide => !IsLast && !Missed;
}
