namespace CryptoFunk.Indicators;

/// <summary>
/// Bollinger Bands with Skender's conventions: input-length outputs, the first n-1 values <see cref="double.NaN"/>,
/// population standard deviation; %B, z-score and width are NaN where Skender's are null (zero deviation or SMA).
/// </summary>
public static class BollingerBands
{
    /// <summary>
    /// Writes the bands, %B and width of <paramref name="source"/> into input-length spans (warm-up NaN).
    /// <paramref name="zScore"/> is optional: leave it empty to skip it.
    /// </summary>
    public static void Calculate(
        ReadOnlySpan<double> source,
        int lookbackPeriods,
        double standardDeviations,
        Span<double> sma,
        Span<double> upperBand,
        Span<double> lowerBand,
        Span<double> percentB,
        Span<double> width,
        Span<double> zScore = default)
    {
        var length = source.Length;
        SeriesArguments.SameLength(length, sma, nameof(sma));
        SeriesArguments.SameLength(length, upperBand, nameof(upperBand));
        SeriesArguments.SameLength(length, lowerBand, nameof(lowerBand));
        SeriesArguments.SameLength(length, percentB, nameof(percentB));
        SeriesArguments.SameLength(length, width, nameof(width));
        SeriesArguments.SameLengthOrEmpty(length, zScore, nameof(zScore));

        Run(
            new BollingerBandsStream(lookbackPeriods, standardDeviations),
            source, sma, upperBand, lowerBand, percentB, width, zScore);
    }

    /// <summary>Every Bollinger Bands output for <paramref name="source"/>.</summary>
    public static BollingerBandsSeries Calculate(
        ReadOnlySpan<double> source, int lookbackPeriods = 20, double standardDeviations = 2)
    {
        var length = source.Length;
        var series = new BollingerBandsSeries(
            new double[length], new double[length], new double[length],
            new double[length], new double[length], new double[length]);
        Calculate(
            source, lookbackPeriods, standardDeviations,
            series.Sma, series.UpperBand, series.LowerBand, series.PercentB, series.Width, series.ZScore);
        return series;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        BollingerBandsStream stream,
        ReadOnlySpan<double> source,
        Span<double> sma,
        Span<double> upperBand,
        Span<double> lowerBand,
        Span<double> percentB,
        Span<double> width,
        Span<double> zScore)
    {
        for (var i = 0; i < source.Length; i++)
        {
            stream.Add(source[i]);
            sma[i] = stream.Sma;
            upperBand[i] = stream.UpperBand;
            lowerBand[i] = stream.LowerBand;
            percentB[i] = stream.PercentB;
            width[i] = stream.Width;
            if (!zScore.IsEmpty)
            {
                zScore[i] = stream.ZScore;
            }
        }
    }
}
