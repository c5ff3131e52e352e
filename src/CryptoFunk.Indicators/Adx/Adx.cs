namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's average directional index with Skender's conventions: input-length outputs; +DI, -DI and DX from
/// index n, ADX from index 2n-1, ADXR from index 3n-1; earlier values <see cref="double.NaN"/> (warm-up).
/// </summary>
public static class Adx
{
    /// <summary>
    /// Writes +DI, -DI and ADX of the candles into input-length spans (warm-up NaN).
    /// <paramref name="dx"/> and <paramref name="adxr"/> are optional: leave them empty to skip them.
    /// </summary>
    public static void Calculate(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int lookbackPeriods,
        Span<double> pdi,
        Span<double> mdi,
        Span<double> adx,
        Span<double> dx = default,
        Span<double> adxr = default)
    {
        var length = close.Length;
        SeriesArguments.SameLength(length, high, nameof(high));
        SeriesArguments.SameLength(length, low, nameof(low));
        SeriesArguments.SameLength(length, pdi, nameof(pdi));
        SeriesArguments.SameLength(length, mdi, nameof(mdi));
        SeriesArguments.SameLength(length, adx, nameof(adx));
        SeriesArguments.SameLengthOrEmpty(length, dx, nameof(dx));
        SeriesArguments.SameLengthOrEmpty(length, adxr, nameof(adxr));

        Run(new AdxStream(lookbackPeriods), high, low, close, pdi, mdi, adx, dx, adxr);
    }

    /// <summary>Every ADX output for <paramref name="candles"/>.</summary>
    public static AdxSeries Calculate(QuoteColumns candles, int lookbackPeriods = 14)
    {
        var length = candles.Count;
        var series = new AdxSeries(
            new double[length], new double[length], new double[length], new double[length], new double[length]);
        Calculate(
            candles.High, candles.Low, candles.Close, lookbackPeriods,
            series.Pdi, series.Mdi, series.Adx, series.Dx, series.Adxr);
        return series;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        AdxStream stream,
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        Span<double> pdi,
        Span<double> mdi,
        Span<double> adx,
        Span<double> dx,
        Span<double> adxr)
    {
        for (var i = 0; i < close.Length; i++)
        {
            stream.Add(high[i], low[i], close[i]);
            pdi[i] = stream.Pdi;
            mdi[i] = stream.Mdi;
            adx[i] = stream.Adx;
            if (!dx.IsEmpty)
            {
                dx[i] = stream.Dx;
            }

            if (!adxr.IsEmpty)
            {
                adxr[i] = stream.Adxr;
            }
        }
    }
}
