namespace CryptoFunk.Indicators;

/// <summary>On-balance volume with Skender's conventions: input-length output starting at 0, no warm-up.</summary>
public static class Obv
{
    /// <summary>Writes the OBV of the closes and volumes into <paramref name="obv"/> (input length).</summary>
    public static void Calculate(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Span<double> obv)
    {
        SeriesArguments.SameLength(close.Length, volume, nameof(volume));
        SeriesArguments.SameLength(close.Length, obv, nameof(obv));
        var stream = default(ObvStream);
        for (var i = 0; i < close.Length; i++)
        {
            obv[i] = stream.Add(close[i], volume[i]);
        }
    }

    /// <summary>The OBV of <paramref name="candles"/>.</summary>
    public static double[] Calculate(QuoteColumns candles)
    {
        var obv = new double[candles.Count];
        Calculate(candles.Close, candles.Volume, obv);
        return obv;
    }
}
