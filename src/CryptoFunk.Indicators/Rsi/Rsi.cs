namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's relative strength index with Skender's conventions: input-length output, the first n values
/// <see cref="double.NaN"/> (the first RSI is at index n), Wilder smoothing of gains and losses.
/// </summary>
public static class Rsi
{
    /// <summary>Writes the RSI of <paramref name="source"/> into <paramref name="rsi"/> (same length; warm-up NaN).</summary>
    public static void Calculate(ReadOnlySpan<double> source, int lookbackPeriods, Span<double> rsi)
    {
        SeriesArguments.SameLength(source.Length, rsi, nameof(rsi));
        Run(new RsiStream(lookbackPeriods), source, rsi);
    }

    /// <summary>The RSI of <paramref name="source"/>, input-length with NaN warm-up values.</summary>
    public static double[] Calculate(ReadOnlySpan<double> source, int lookbackPeriods = 14)
    {
        var rsi = new double[source.Length];
        Calculate(source, lookbackPeriods, rsi);
        return rsi;
    }

    // The stream arrives by value so the JIT keeps its fields in registers; constructing it here would not allow it.
    private static void Run(
        RsiStream stream,
        ReadOnlySpan<double> source,
        Span<double> rsi)
    {
        for (var i = 0; i < source.Length; i++)
        {
            rsi[i] = stream.Add(source[i]);
        }
    }
}
