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

    /// <summary>
    /// True when the backtest failed because a silo it needed was lost (<see cref="SiloLoss"/>), such as the one holding
    /// a provider's rate-limit grain, not for a reason of its own; the sweep tries it again.
    /// </summary>
    [Id(0)]
    public bool SiloLost { get; init; }
}
