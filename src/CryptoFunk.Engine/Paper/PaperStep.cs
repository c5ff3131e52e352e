using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Engine.Desks;

namespace CryptoFunk.Engine.Paper;

/// <summary>What one close did to a paper account, stored before it is returned: the decisions and the account after them.</summary>
/// <param name="Time">The close.</param>
/// <param name="Missed">The close went by while the program was down (or a whole bar before its candles were in): settled, not decided.</param>
/// <param name="Decisions">The decisions made at it, in the markets' order (none at the last replayed close).</param>
/// <param name="Equity">Cash plus positions marked at the last closes.</param>
/// <param name="Cash">Cash not tied up in positions.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="ModelCalls">Model calls of the account so far, by how they were served.</param>
/// <param name="ModelCostUsd">What models cost the account so far, in US dollars.</param>
public sealed record PaperStep(
    DateTimeOffset Time,
    bool Missed,
    IReadOnlyList<DecisionSummary> Decisions,
    decimal Equity,
    decimal Cash,
    IReadOnlyList<PositionView> Positions,
    ModelCallCounts ModelCalls,
    decimal ModelCostUsd)
{
    /// <summary>What models cost today (UTC) and the budget's limits, added by the trading loop; none when nobody asked.</summary>
    public ModelBudgetStatus? Budget { get; init; }
}
