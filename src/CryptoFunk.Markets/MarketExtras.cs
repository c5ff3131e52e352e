namespace CryptoFunk.Markets;

/// <summary>
/// What an exchange shows of a market at a decision time beyond its candles: the order book and the futures
/// sentiment, each null when it could not be had. Live trading fetches them at every close; candle files have none.
/// </summary>
/// <param name="OrderBook">The order book fetched at the decision.</param>
/// <param name="Sentiment">The futures positioning known at the decision.</param>
public sealed record MarketExtras(OrderBook? OrderBook, FuturesSentiment? Sentiment);
