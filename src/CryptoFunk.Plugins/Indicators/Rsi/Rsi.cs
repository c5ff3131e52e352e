namespace CryptoFunk.Plugins.Indicators;

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
        var stream = new RsiStream(lookbackPeriods);
        for (var i = 0; i < source.Length; i++)
        {
            rsi[i] = stream.Add(source[i]);
        }
    }

    /// <summary>The RSI of <paramref name="source"/>, input-length with NaN warm-up values.</summary>
    public static double[] Calculate(ReadOnlySpan<double> source, int lookbackPeriods = 14)
    {
        var rsi = new double[source.Length];
        Calculate(source, lookbackPeriods, rsi);
        return rsi;
    }
}
