namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's average true range with Skender's conventions: input-length outputs, true range NaN at index 0,
/// ATR NaN before index n (warm-up).
/// </summary>
public static class Atr
{
    /// <summary>
    /// Writes the ATR of the candles into <paramref name="atr"/> (input length; warm-up NaN).
    /// <paramref name="tr"/> and <paramref name="atrp"/> are optional: leave them empty to skip them.
    /// </summary>
    public static void Calculate(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int lookbackPeriods,
        Span<double> atr,
        Span<double> tr = default,
        Span<double> atrp = default)
    {
        var length = close.Length;
        SeriesArguments.SameLength(length, high, nameof(high));
        SeriesArguments.SameLength(length, low, nameof(low));
        SeriesArguments.SameLength(length, atr, nameof(atr));
        SeriesArguments.SameLengthOrEmpty(length, tr, nameof(tr));
        SeriesArguments.SameLengthOrEmpty(length, atrp, nameof(atrp));

        Run(new AtrStream(lookbackPeriods), high, low, close, atr, tr, atrp);
    }

    /// <summary>Every ATR output for <paramref name="candles"/>.</summary>
    public static AtrSeries Calculate(QuoteColumns candles, int lookbackPeriods = 14)
    {
        var length = candles.Count;
        var series = new AtrSeries(new double[length], new double[length], new double[length]);
        Calculate(candles.High, candles.Low, candles.Close, lookbackPeriods, series.Atr, series.Tr, series.Atrp);
        return series;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        AtrStream stream,
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        Span<double> atr,
        Span<double> tr,
        Span<double> atrp)
    {
        for (var i = 0; i < close.Length; i++)
        {
            stream.Add(high[i], low[i], close[i]);
            atr[i] = stream.Atr;
            if (!tr.IsEmpty)
            {
                tr[i] = stream.Tr;
            }

            if (!atrp.IsEmpty)
            {
                atrp[i] = stream.Atrp;
            }
        }
    }
}
