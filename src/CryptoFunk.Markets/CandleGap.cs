namespace CryptoFunk.Markets;

/// <summary>
/// A run of missing candles: exchanges have outages, and a backtest must know where its data has holes rather
/// than have them filled with invented bars.
/// </summary>
/// <param name="From">Open time of the first missing candle, UTC.</param>
/// <param name="To">Open time of the first candle after the hole, or the end of the examined range.</param>
/// <param name="MissingCount">How many candles are missing.</param>
public sealed record CandleGap(DateTimeOffset From, DateTimeOffset To, int MissingCount);
