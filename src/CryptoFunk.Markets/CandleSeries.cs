namespace CryptoFunk.Markets;

/// <summary>
/// Candles read from one source, in strictly increasing time order, together with the timeframe they were found
/// to have and the gaps in them.
/// </summary>
/// <param name="Source">Where the candles came from (a file path, or an exchange and symbol).</param>
/// <param name="Timeframe">The bar length, inferred as the most common step between bars; null with fewer than two bars.</param>
/// <param name="Candles">The candles, oldest first, no duplicates.</param>
/// <param name="Gaps">Missing stretches, oldest first.</param>
public sealed record CandleSeries(
    string Source,
    Timeframe? Timeframe,
    IReadOnlyList<Candle> Candles,
    IReadOnlyList<CandleGap> Gaps)
{
    /// <summary>Total number of bars missing across all gaps.</summary>
    public int MissingCandles => Gaps.Sum(g => g.MissingCount);
}
