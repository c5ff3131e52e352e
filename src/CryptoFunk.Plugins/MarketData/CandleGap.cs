namespace CryptoFunk.Plugins.MarketData;

/// <summary>
/// Candles missing between two consecutive bars, as in real exchange outages. Gaps are reported, never filled:
/// an invented bar would be a price that never traded.
/// </summary>
/// <param name="LastBefore">Open time of the last candle before the gap.</param>
/// <param name="FirstAfter">Open time of the first candle after the gap.</param>
/// <param name="MissingCandles">How many bars of the series' timeframe are absent.</param>
public sealed record CandleGap(DateTimeOffset LastBefore, DateTimeOffset FirstAfter, int MissingCandles);
