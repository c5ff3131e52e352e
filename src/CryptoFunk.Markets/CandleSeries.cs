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

    /// <summary>
    /// One line saying the data has gaps (how many, the candles missing, the largest), or null without gaps: every
    /// command that reads candles reports them the same way, since they are never filled.
    /// </summary>
    public string? GapNote()
    {
        if (Gaps.Count == 0)
        {
            return null;
        }

        var largest = Gaps.MaxBy(g => g.MissingCount)!;
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"note: {Gaps.Count} gaps ({MissingCandles} missing candles, largest {largest.MissingCount} from {largest.From:yyyy-MM-dd HH:mm}Z); they are not filled, indicators run across them");
    }
}
