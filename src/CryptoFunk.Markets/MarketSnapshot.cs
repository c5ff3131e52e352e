using CryptoFunk.Indicators;

namespace CryptoFunk.Markets;

/// <summary>
/// What is known about a market at a decision time, and nothing after it: the candles that had closed by then,
/// the indicators over them, and the order book and futures sentiment when they were available. Every number an agent
/// sees comes from here.
/// </summary>
/// <param name="Symbol">The market.</param>
/// <param name="Timeframe">Bar length.</param>
/// <param name="DecisionTime">The moment the decision is made; every candle here closed at or before it.</param>
/// <param name="RecentCandles">The latest closed candles, oldest first; the last one is the newest information.</param>
/// <param name="Indicators">Indicators at the last closed candle.</param>
/// <param name="PreviousIndicators">Indicators one candle earlier (for crossovers); null when there is none.</param>
/// <param name="OrderBook">The order book at the decision time, when one was recorded; backtests from candles have none.</param>
/// <param name="Sentiment">The futures positioning known at the decision time, when fetched; backtests from candles have none.</param>
public sealed record MarketSnapshot(
    MarketSymbol Symbol,
    Timeframe Timeframe,
    DateTimeOffset DecisionTime,
    IReadOnlyList<Candle> RecentCandles,
    IndicatorValues Indicators,
    IndicatorValues? PreviousIndicators,
    OrderBook? OrderBook,
    FuturesSentiment? Sentiment = null)
{
    /// <summary>The newest closed candle.</summary>
    public Candle LastCandle => RecentCandles[^1];

    /// <summary>The last traded price known at the decision time (the newest close).</summary>
    public decimal Price => LastCandle.Close;
}
