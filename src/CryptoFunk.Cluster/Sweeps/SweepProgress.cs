namespace CryptoFunk.Cluster.Sweeps;

/// <summary>How far a sweep is: backtests done of all, and the one that just ended.</summary>
public sealed record SweepProgress(int Done, int Total, SweepOutcome Latest);
