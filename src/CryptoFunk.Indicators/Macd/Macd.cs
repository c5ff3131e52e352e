namespace CryptoFunk.Indicators;

/// <summary>
/// Moving average convergence/divergence with Skender's conventions: input-length outputs, warm-up values
/// <see cref="double.NaN"/>; with (12, 26, 9) MACD is defined from index 25 and the signal from index 33.
/// </summary>
public static class Macd
{
    /// <summary>
    /// Writes MACD, signal and histogram of <paramref name="source"/> into input-length spans (warm-up NaN).
    /// <paramref name="fastEma"/> and <paramref name="slowEma"/> are optional: leave them empty to skip them.
    /// </summary>
    public static void Calculate(
        ReadOnlySpan<double> source,
        int fastPeriods,
        int slowPeriods,
        int signalPeriods,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram,
        Span<double> fastEma = default,
        Span<double> slowEma = default)
    {
        var length = source.Length;
        SeriesArguments.SameLength(length, macd, nameof(macd));
        SeriesArguments.SameLength(length, signal, nameof(signal));
        SeriesArguments.SameLength(length, histogram, nameof(histogram));
        SeriesArguments.SameLengthOrEmpty(length, fastEma, nameof(fastEma));
        SeriesArguments.SameLengthOrEmpty(length, slowEma, nameof(slowEma));

        Run(
            new MacdStream(fastPeriods, slowPeriods, signalPeriods),
            source, macd, signal, histogram, fastEma, slowEma);
    }

    /// <summary>Every MACD output for <paramref name="source"/>.</summary>
    public static MacdSeries Calculate(
        ReadOnlySpan<double> source, int fastPeriods = 12, int slowPeriods = 26, int signalPeriods = 9)
    {
        var length = source.Length;
        var series = new MacdSeries(
            new double[length], new double[length], new double[length], new double[length], new double[length]);
        Calculate(
            source, fastPeriods, slowPeriods, signalPeriods,
            series.Macd, series.Signal, series.Histogram, series.FastEma, series.SlowEma);
        return series;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        MacdStream stream,
        ReadOnlySpan<double> source,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram,
        Span<double> fastEma,
        Span<double> slowEma)
    {
        for (var i = 0; i < source.Length; i++)
        {
            stream.Add(source[i]);
            macd[i] = stream.Macd;
            signal[i] = stream.Signal;
            histogram[i] = stream.Histogram;
            if (!fastEma.IsEmpty)
            {
                fastEma[i] = stream.FastEma;
            }

            if (!slowEma.IsEmpty)
            {
                slowEma[i] = stream.SlowEma;
            }
        }
    }
}
