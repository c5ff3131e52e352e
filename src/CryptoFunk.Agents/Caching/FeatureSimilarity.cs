using System.Runtime.InteropServices;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// How alike two market states are: one minus the mean relative difference of their features, so 1 is identical
/// and 0.95 means the features differ by 5% on average. Relative differences keep a price of 60,000 and an RSI of
/// 30 on the same footing.
/// </summary>
public static class FeatureSimilarity
{
    /// <summary>The similarity in [0, 1]; 0 when the feature lists differ in length or are empty.</summary>
    public static double Of(IReadOnlyList<double> a, IReadOnlyList<double> b) => Of(AsSpan(a), AsSpan(b));

    /// <summary>The same measure over spans, for callers that compare one state with many (memory recall) without per-element interface calls.</summary>
    public static double Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        var total = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var scale = Math.Max(Math.Abs(a[i]), Math.Abs(b[i]));
            total += scale < 1e-12 ? 0 : Math.Min(1, Math.Abs(a[i] - b[i]) / scale);
        }

        return 1 - (total / a.Length);
    }

    private static ReadOnlySpan<double> AsSpan(IReadOnlyList<double> features) => features switch
    {
        double[] array => array,
        List<double> list => CollectionsMarshal.AsSpan(list),
        _ => features.ToArray(),
    };
}
