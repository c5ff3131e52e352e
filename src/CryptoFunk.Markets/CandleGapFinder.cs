namespace CryptoFunk.Markets;

/// <summary>
/// Finds the bar length of a candle series and the candles missing from it, on the grid the series itself is laid
/// on (each bar one step after the previous one). It only reports; it never fills.
/// </summary>
public static class CandleGapFinder
{
    /// <summary>
    /// The most common step between consecutive open times, or null when there are fewer than two candles.
    /// The mode is robust to the outages real data has, where the first step may be a gap.
    /// </summary>
    public static TimeSpan? InferInterval(IReadOnlyList<Candle> candles)
    {
        if (candles.Count < 2)
        {
            return null;
        }

        var counts = new Dictionary<long, int>();
        for (var i = 1; i < candles.Count; i++)
        {
            var step = (candles[i].OpenTime - candles[i - 1].OpenTime).Ticks;
            counts[step] = counts.GetValueOrDefault(step) + 1;
        }

        return TimeSpan.FromTicks(counts.MaxBy(kv => (kv.Value, -kv.Key)).Key);
    }

    /// <summary>The gaps between the first and the last of <paramref name="candles"/> (ascending).</summary>
    public static IReadOnlyList<CandleGap> Between(IReadOnlyList<Candle> candles, TimeSpan step) =>
        candles.Count == 0 ? [] : Find(candles, step, candles[0].OpenTime, candles[^1].OpenTime + step);

    /// <summary>
    /// The gaps among bars whose open time lies in [<paramref name="from"/>, <paramref name="to"/>), given
    /// <paramref name="candles"/> in ascending order: before the first candle, between candles, and after the last.
    /// </summary>
    public static IReadOnlyList<CandleGap> Find(IReadOnlyList<Candle> candles, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to) =>
        Find(candles, timeframe.Duration, from, to);

    /// <summary>As <see cref="Find(IReadOnlyList{Candle}, Timeframe, DateTimeOffset, DateTimeOffset)"/> for any bar length.</summary>
    public static IReadOnlyList<CandleGap> Find(IReadOnlyList<Candle> candles, TimeSpan step, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
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
