using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Paper;

/// <summary>A candle close the trading loop acts on.</summary>
/// <param name="Time">The close time: every market with a candle closing then settles and decides.</param>
/// <param name="Extended">Markets whose history grew since the last close (live data); empty when nothing changed.</param>
/// <param name="IsLast">No later candle will come (the end of replayed data), so nothing is decided at this close:
/// an order placed then could never fill.</param>
public sealed record MarketClose(DateTimeOffset Time, IReadOnlyList<MarketHistory> Extended, bool IsLast);
