namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// A sweep backtest failed on its silo; the message says which run and why. It replaces the original exception on the
/// way back, since Orleans can only carry exceptions it knows how to serialize.
/// </summary>
[GenerateSerializer]
public sealed class SweepBacktestFailedException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public SweepBacktestFailedException(string message)
        : base(message)
    {
    }
}
