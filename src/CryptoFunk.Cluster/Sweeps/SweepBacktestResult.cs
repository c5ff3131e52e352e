using CryptoFunk.Engine.Backtesting;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>What one backtest of a sweep brings back: where it ran, its report as <c>backtest --json</c> writes it, and the figures the sweep's table sorts by.</summary>
/// <param name="RunId">The stored run.</param>
/// <param name="Silo">The address of the silo that ran it.</param>
/// <param name="ReportJson">The report as <see cref="BacktestReportJson"/> writes it.</param>
/// <param name="TotalReturn">The agents' total return (0.25 is 25%).</param>
/// <param name="MaxDrawdown">The agents' largest fall from a peak, as a fraction.</param>
/// <param name="Sharpe">The agents' annualised Sharpe ratio; null when undefined.</param>
/// <param name="Trades">Closed trades.</param>
/// <param name="ModelCostUsd">What the model calls cost.</param>
[GenerateSerializer, Immutable]
public sealed record SweepBacktestResult(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string ReportJson,
    [property: Id(3)] decimal TotalReturn,
    [property: Id(4)] decimal MaxDrawdown,
    [property: Id(5)] double? Sharpe,
    [property: Id(6)] int Trades,
    [property: Id(7)] decimal ModelCostUsd)
{
    /// <summary>The result of <paramref name="report"/>, run on <paramref name="silo"/>.</summary>
    public static SweepBacktestResult From(BacktestReport report, string silo) => new(
        report.RunId,
        silo,
        BacktestReportJson.Write(report),
        report.Agents.TotalReturn,
        report.Agents.MaxDrawdown,
        report.Agents.Sharpe,
        report.Agents.Trades,
        report.Tally.CostUsd);
}
