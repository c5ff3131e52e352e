namespace CryptoFunk.Markets;

/// <summary>
/// Rolling 24-hour statistics of one market plus its current best bid and ask: the quick overview an agent reads
/// before looking at candles.
/// </summary>
/// <param name="Symbol">The market.</param>
/// <param name="LastPrice">Price of the latest trade.</param>
/// <param name="LastQuantity">Quantity of the latest trade, in the base asset.</param>
/// <param name="BidPrice">Best bid price.</param>
/// <param name="BidQuantity">Quantity at the best bid.</param>
/// <param name="AskPrice">Best ask price.</param>
/// <param name="AskQuantity">Quantity at the best ask.</param>
/// <param name="OpenPrice">Price at the start of the window.</param>
/// <param name="HighPrice">Highest price in the window.</param>
/// <param name="LowPrice">Lowest price in the window.</param>
/// <param name="PreviousClosePrice">Close of the window before this one.</param>
/// <param name="WeightedAveragePrice">Volume-weighted average price over the window.</param>
/// <param name="PriceChange">Last price minus open price.</param>
/// <param name="PriceChangePercent">Price change in percent of the open price (2.5 means +2.5 %).</param>
/// <param name="Volume">Traded quantity in the base asset.</param>
/// <param name="QuoteVolume">Traded value in the quote asset.</param>
/// <param name="OpenTime">Start of the window, UTC.</param>
/// <param name="CloseTime">End of the window, UTC.</param>
/// <param name="TradeCount">Number of trades in the window.</param>
public sealed record Ticker24h(
    MarketSymbol Symbol,
    decimal LastPrice,
    decimal LastQuantity,
    decimal BidPrice,
    decimal BidQuantity,
    decimal AskPrice,
    decimal AskQuantity,
    decimal OpenPrice,
    decimal HighPrice,
    decimal LowPrice,
    decimal PreviousClosePrice,
    decimal WeightedAveragePrice,
    decimal PriceChange,
    decimal PriceChangePercent,
    decimal Volume,
    decimal QuoteVolume,
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    long TradeCount);
