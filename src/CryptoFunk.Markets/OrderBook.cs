namespace CryptoFunk.Markets;

/// <summary>
/// A snapshot of one market's order book, best prices first, as the order-book analysis reads it.
/// </summary>
/// <param name="Symbol">The market.</param>
/// <param name="Bids">Buy orders, highest price first.</param>
/// <param name="Asks">Sell orders, lowest price first.</param>
/// <param name="LastUpdateId">The exchange's sequence number of the book at the snapshot, to order snapshots and updates.</param>
/// <param name="Time">When the snapshot was received, UTC (Binance's REST book carries no time of its own).</param>
public sealed record OrderBook(
    MarketSymbol Symbol,
    IReadOnlyList<OrderBookLevel> Bids,
    IReadOnlyList<OrderBookLevel> Asks,
    long LastUpdateId,
    DateTimeOffset Time)
{
    /// <summary>The highest bid, or null when no one is buying.</summary>
    public OrderBookLevel? BestBid => Bids.Count > 0 ? Bids[0] : null;

    /// <summary>The lowest ask, or null when no one is selling.</summary>
    public OrderBookLevel? BestAsk => Asks.Count > 0 ? Asks[0] : null;
}
