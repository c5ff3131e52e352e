namespace CryptoFunk.Indicators;

/// <summary>
/// Simple moving average with Skender's conventions: the output has the input's length, the first n-1 values are
/// <see cref="double.NaN"/> (warm-up), and each value is the mean of the last n inputs.
/// </summary>
public static class Sma
{
    /// <summary>Writes the SMA of <paramref name="source"/> into <paramref name="sma"/> (same length; warm-up NaN).</summary>
    public static void Calculate(ReadOnlySpan<double> source, int lookbackPeriods, Span<double> sma)
    {
        SeriesArguments.SameLength(source.Length, sma, nameof(sma));
        Run(new SmaStream(lookbackPeriods), source, sma);
    }

    /// <summary>The SMA of <paramref name="source"/>, input-length with NaN warm-up values.</summary>
    public static double[] Calculate(ReadOnlySpan<double> source, int lookbackPeriods = 20)
    {
        var sma = new double[source.Length];
        Calculate(source, lookbackPeriods, sma);
        return sma;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        SmaStream stream,
        ReadOnlySpan<double> source,
        Span<double> sma)
    {
        for (var i = 0; i < source.Length; i++)
        {
            sma[i] = stream.Add(source[i]);
        }
    }
}
