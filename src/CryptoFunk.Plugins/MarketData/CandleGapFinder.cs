namespace CryptoFunk.Plugins.MarketData;

/// <summary>
/// Finds the candles missing from a series within a range, on the grid the series itself is laid on (each bar
/// <see cref="Timeframe.Duration"/> after the previous one). It only reports; it never fills.
/// </summary>
public static class CandleGapFinder
{
    /// <summary>
    /// The gaps among bars whose open time lies in [<paramref name="from"/>, <paramref name="to"/>), given
    /// <paramref name="candles"/> in ascending order: before the first candle, between candles, and after the last.
    /// </summary>
    public static IReadOnlyList<CandleGap> Find(IReadOnlyList<Candle> candles, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to)
    {
        var step = timeframe.Duration;
        var gaps = new List<CandleGap>();
        if (candles.Count == 0)
        {
            AddGap(gaps, from, to, step);
            return gaps;
        }

        var first = candles[0].OpenTime;
        var leading = first > from ? (int)((first - from).Ticks / step.Ticks) : 0;
        if (leading > 0)
        {
            gaps.Add(new CandleGap(first - (step * leading), first, leading));
        }

        for (var i = 1; i < candles.Count; i++)
        {
            AddGap(gaps, candles[i - 1].OpenTime + step, candles[i].OpenTime, step);
        }

        AddGap(gaps, candles[^1].OpenTime + step, to, step);
        return gaps;
    }

    private static void AddGap(List<CandleGap> gaps, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        if (end <= start)
        {
            return;
        }

        var missing = (int)(((end - start).Ticks + step.Ticks - 1) / step.Ticks);
        gaps.Add(new CandleGap(start, end, missing));
    }
}
