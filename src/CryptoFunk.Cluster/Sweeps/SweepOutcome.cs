namespace CryptoFunk.Cluster.Sweeps;

/// <summary>How one backtest of a sweep ended: its result, or why it failed.</summary>
/// <param name="Order">The backtest.</param>
/// <param name="Result">Its result; null when it failed.</param>
/// <param name="Error">Why it failed, in one line; null when it ran.</param>
public sealed record SweepOutcome(SweepBacktestOrder Order, SweepBacktestResult? Result, string? Error);
