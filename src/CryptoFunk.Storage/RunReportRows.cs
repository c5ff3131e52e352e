namespace CryptoFunk.Storage;

/// <summary>Everything stored about one run that its report is drawn from, read in one pass.</summary>
/// <param name="Run">The run.</param>
/// <param name="Decisions">Its decisions, in time then symbol order.</param>
/// <param name="Agents">Every agent's answer, in decision order.</param>
/// <param name="Positions">Its positions, in opening order.</param>
/// <param name="Fills">Its fills, in order.</param>
/// <param name="Equity">Its equity marks, in time order.</param>
/// <param name="Baselines">Stored baseline curves by <see cref="RunBaselines"/> name, each in time order; empty when none were stored.</param>
public sealed record RunReportRows(
    TradingRunRecord Run,
    IReadOnlyList<ReportDecisionRow> Decisions,
    IReadOnlyList<ReportAgentRow> Agents,
    IReadOnlyList<PositionRecord> Positions,
    IReadOnlyList<FillRecord> Fills,
    IReadOnlyList<EquitySnapshotRecord> Equity,
    IReadOnlyDictionary<string, IReadOnlyList<BaselineEquityRecord>> Baselines);
