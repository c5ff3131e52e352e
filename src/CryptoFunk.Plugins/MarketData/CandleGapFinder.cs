namespace CryptoFunk.Plugins.MarketData;

/// <summary>Finds the bar length of a candle sequence and the gaps in it.</summary>
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

        var best = counts.MaxBy(kv => (kv.Value, -kv.Key));
        return TimeSpan.FromTicks(best.Key);
    }

    /// <summary>Every place where one or more bars of <paramref name="interval"/> are missing.</summary>
    public static IReadOnlyList<CandleGap> FindGaps(IReadOnlyList<Candle> candles, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var gaps = new List<CandleGap>();
        for (var i = 1; i < candles.Count; i++)
        {
            var step = candles[i].OpenTime - candles[i - 1].OpenTime;
            if (step > interval)
            {
                var missing = (int)(step.Ticks / interval.Ticks) - 1;
                gaps.Add(new CandleGap(candles[i - 1].OpenTime, candles[i].OpenTime, missing));
            }
        }

        return gaps;
    }
}
