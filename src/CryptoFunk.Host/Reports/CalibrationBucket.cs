namespace CryptoFunk.Host.Reports;

/// <summary>An agent's directional signals whose confidence fell in one range, and how many of them the market bore out.</summary>
/// <param name="Low">Lowest confidence in the range (inclusive).</param>
/// <param name="High">Highest confidence in the range (exclusive, except 1).</param>
/// <param name="Signals">Signals scored.</param>
/// <param name="Hits">Signals the price moved with.</param>
/// <param name="MeanConfidence">Their average confidence.</param>
internal sealed record CalibrationBucket(double Low, double High, int Signals, int Hits, double MeanConfidence)
{
    /// <summary>Share of the signals that hit.</summary>
    public double HitRate => (double)Hits / Signals;
}
