using CryptoFunk.Cluster.Sweeps;

namespace CryptoFunk.Host.Commands;

/// <summary>A finished sweep as its table and JSON show it.</summary>
/// <param name="Id">The sweep's id, the prefix of its runs' ids.</param>
/// <param name="Symbols">The markets.</param>
/// <param name="Vary">The varied keys and their values, as given (secrets redacted).</param>
/// <param name="Sort">The order of <paramref name="Ranked"/> (<see cref="SweepRanking"/>).</param>
/// <param name="Combinations">How many combinations of the values.</param>
/// <param name="Outcomes">Every backtest, in the combinations' order.</param>
/// <param name="Ranked">Every backtest, best first.</param>
/// <param name="Silos">The silos that ran backtests.</param>
/// <param name="Elapsed">Wall-clock time of the backtests.</param>
/// <param name="Database">Where the runs are stored, without its password.</param>
internal sealed record SweepSummary(
    string Id,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<VaryArgument> Vary,
    string Sort,
    int Combinations,
    IReadOnlyList<SweepOutcome> Outcomes,
    IReadOnlyList<SweepOutcome> Ranked,
    IReadOnlyList<string> Silos,
    TimeSpan Elapsed,
    string Database)
{
    /// <summary>Backtests that failed.</summary>
    public int Failed => Outcomes.Count(o => o.Result is null);
}
