using CryptoFunk.Engine;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Reports;

/// <summary>
/// A stored run as its report shows it, every figure computed here from the stored rows (never by a model): the
/// result after fees and after model cost, the baselines it stored, how each agent did, why trades were refused, and
/// what the models took.
/// </summary>
internal sealed record RunReport(
    RunReportRows Rows,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<RunWarning> Warnings,
    decimal FinalEquity,
    decimal MaxDrawdown,
    int Trades,
    int Wins,
    decimal FeesPaid,
    ModelUsage Models,
    IReadOnlyList<AgentScore> Agents,
    IReadOnlyList<KeyValuePair<string, int>> RefusalsByReason,
    EquityComparison BuyAndHold,
    EquityComparison RulesOnly)
{
    /// <summary>The run.</summary>
    public TradingRunRecord Run => Rows.Run;

    /// <summary>Profit or loss after fees.</summary>
    public decimal Pnl => FinalEquity - Run.InitialCapital;

    /// <summary>Profit or loss after fees and what the models cost.</summary>
    public decimal PnlAfterModelCost => Pnl - Models.CostUsd;

    /// <summary>Computes the report of <paramref name="rows"/>.</summary>
    public static RunReport From(RunReportRows rows)
    {
        var run = rows.Run;
        var closed = rows.Positions.Where(p => p.Pnl is not null).ToList();
        var windowStart = rows.Decisions.Count > 0 ? rows.Decisions[0].Time : run.From ?? run.StartedAt;
        return new RunReport(
            rows,
            run.Symbol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            run.LlmMode == "rules" ? [] : TrainingCutoffWarnings.For(windowStart, TrainingCutoffWarnings.FromSettings(run.SettingsJson)),
            rows.Equity.Count > 0 ? rows.Equity[^1].Equity : run.InitialCapital,
            rows.Equity.Count > 0 ? rows.Equity.Max(e => e.Drawdown) : 0m,
            closed.Count,
            closed.Count(p => p.Pnl > 0m),
            rows.Fills.Sum(f => f.Fee),
            ModelUsage.Of(rows.Agents),
            AgentScoring.Score(rows.Agents, rows.Decisions),
            [.. rows.Decisions.SelectMany(d => d.RefusalCodes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))],
            Baseline(rows, RunBaselines.BuyAndHold, "buy and hold", "this run stored no buy-and-hold baseline (" + NoBaselineWhy + ")"),
            run.LlmMode == "rules"
                ? new EquityComparison("rules engine alone", [], "the agents ran on the rules engine, so the rules engine alone is this run's own curve")
                : Baseline(rows, RunBaselines.RulesOnly, "rules engine alone", "this run stored no rules-engine baseline (" + NoBaselineWhy + ")"));
    }

    private const string NoBaselineWhy =
        "a run stores its baselines when it ends: a paper account still running or cut short by a crash has none yet, and backtests stored before baselines were kept have none";

    private static EquityComparison Baseline(RunReportRows rows, string key, string name, string missing) =>
        rows.Baselines.TryGetValue(key, out var curve) && curve.Count > 0
            ? new EquityComparison(name, [.. curve.Select(p => (p.Time, p.Equity))], null)
            : new EquityComparison(name, [], missing);
}
