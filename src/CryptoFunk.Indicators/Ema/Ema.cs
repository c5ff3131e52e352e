namespace CryptoFunk.Indicators;

/// <summary>
/// Exponential moving average with Skender's conventions: input-length output, the first n-1 values
/// <see cref="double.NaN"/>, seeded at index n-1 with the SMA of the first n inputs, k = 2/(n+1).
/// </summary>
public static class Ema
{
    /// <summary>Writes the EMA of <paramref name="source"/> into <paramref name="ema"/> (same length; warm-up NaN).</summary>
    public static void Calculate(ReadOnlySpan<double> source, int lookbackPeriods, Span<double> ema)
    {
        SeriesArguments.SameLength(source.Length, ema, nameof(ema));
        Run(new EmaStream(lookbackPeriods), source, ema);
    }

    /// <summary>The EMA of <paramref name="source"/>, input-length with NaN warm-up values.</summary>
    public static double[] Calculate(ReadOnlySpan<double> source, int lookbackPeriods = 20)
    {
        var ema = new double[source.Length];
        Calculate(source, lookbackPeriods, ema);
        return ema;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        EmaStream stream,
        ReadOnlySpan<double> source,
        Span<double> ema)
    {
        for (var i = 0; i < source.Length; i++)
        {
            ema[i] = stream.Add(source[i]);
        }
    }
}
