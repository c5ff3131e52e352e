namespace CryptoFunk.Indicators;

/// <summary>
/// Slow stochastic oscillator with Skender's conventions: input-length outputs; with (14, 3, 3) %K is defined from
/// index 15 and %D from index 17, earlier values <see cref="double.NaN"/> (warm-up).
/// </summary>
public static class Stochastic
{
    /// <summary>
    /// Writes %K (<paramref name="oscillator"/>) and %D (<paramref name="signal"/>) of the candles into input-length
    /// spans (warm-up NaN). <paramref name="percentJ"/> is optional: leave it empty to skip it.
    /// </summary>
    public static void Calculate(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int lookbackPeriods,
        int signalPeriods,
        int smoothPeriods,
        Span<double> oscillator,
        Span<double> signal,
        Span<double> percentJ = default)
    {
        var length = close.Length;
        SeriesArguments.SameLength(length, high, nameof(high));
        SeriesArguments.SameLength(length, low, nameof(low));
        SeriesArguments.SameLength(length, oscillator, nameof(oscillator));
        SeriesArguments.SameLength(length, signal, nameof(signal));
        SeriesArguments.SameLengthOrEmpty(length, percentJ, nameof(percentJ));

        Run(
            new StochasticStream(lookbackPeriods, signalPeriods, smoothPeriods),
            high, low, close, oscillator, signal, percentJ);
    }

    /// <summary>Every stochastic output for <paramref name="candles"/>.</summary>
    public static StochasticSeries Calculate(
        QuoteColumns candles, int lookbackPeriods = 14, int signalPeriods = 3, int smoothPeriods = 3)
    {
        var length = candles.Count;
        var series = new StochasticSeries(new double[length], new double[length], new double[length]);
        Calculate(
            candles.High, candles.Low, candles.Close, lookbackPeriods, signalPeriods, smoothPeriods,
            series.Oscillator, series.Signal, series.PercentJ);
        return series;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        StochasticStream stream,
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        Span<double> oscillator,
        Span<double> signal,
        Span<double> percentJ)
    {
        for (var i = 0; i < close.Length; i++)
        {
            stream.Add(high[i], low[i], close[i]);
            oscillator[i] = stream.Oscillator;
            signal[i] = stream.Signal;
            if (!percentJ.IsEmpty)
            {
                percentJ[i] = stream.PercentJ;
            }
        }
    }
}
