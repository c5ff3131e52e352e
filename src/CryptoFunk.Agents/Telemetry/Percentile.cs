namespace CryptoFunk.Agents.Telemetry;

/// <summary>Latency percentiles by nearest rank: always a value that was measured, never an interpolation between two.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="fraction"/> percentile (0.95 for p95) of <paramref name="sorted"/>, ascending; null when empty.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
