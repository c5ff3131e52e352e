using CryptoFunk.Engine.Desks;

namespace CryptoFunk.Cluster.Paper;

/// <summary>What a market grain is opened with.</summary>
/// <param name="State">The run, the market's history and its memory so far, from the account.</param>
/// <param name="OrderBooks">Whether the feed hands over order books, so the order-book agents take part.</param>
public sealed record MarketDeskOpening(MarketDeskState State, bool OrderBooks);
