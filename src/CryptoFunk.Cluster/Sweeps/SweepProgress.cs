namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// How far a sweep is: backtests done of all, and the one that just ended, or, when <paramref name="TriedAgain"/>, the
/// attempt that was lost with its silo (its error says how) and goes back to the queue.
/// </summary>
public sealed record SweepProgress(int Done, int Total, SweepOutcome Latest, bool TriedAgain = false);
