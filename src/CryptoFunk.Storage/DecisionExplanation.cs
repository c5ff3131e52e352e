namespace CryptoFunk.Storage;

/// <summary>Everything stored about one decision: the decision with each agent's row, its run, its order, the fills and the trade.</summary>
/// <param name="Decision">The decision with its agents' rows in the order they answered.</param>
/// <param name="Run">The run that decided (its settings hold the consensus threshold).</param>
/// <param name="Orders">The order the decision placed, if any.</param>
/// <param name="Fills">Fills of that order, the exits of the position it opened included.</param>
/// <param name="Trade">The position the order opened or added to, open or closed; null when none.</param>
public sealed record DecisionExplanation(
    TradingDecisionRecord Decision,
    TradingRunRecord Run,
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<FillRecord> Fills,
    PositionRecord? Trade);
