namespace CryptoFunk.Storage;

/// <summary>
/// Everything a run produced since the last save, written by <see cref="TradingStore.SaveAsync"/> in one
/// transaction, so the database never holds a fill without its order or a decision without its agents. The caller
/// fills the lists and clears the batch after a save; rows referred to by an update may be in the same batch.
/// </summary>
public sealed class TradingJournalBatch
{
    /// <summary>New decisions, each with its <see cref="TradingDecisionRecord.Agents"/>.</summary>
    public List<TradingDecisionRecord> Decisions { get; } = [];

    /// <summary>New orders (normally with status <c>intent</c>).</summary>
    public List<OrderRecord> Orders { get; } = [];

    /// <summary>Status changes of orders stored earlier or in this batch.</summary>
    public List<OrderStatusChange> OrderUpdates { get; } = [];

    /// <summary>Broker fills; one already stored is skipped.</summary>
    public List<FillRecord> Fills { get; } = [];

    /// <summary>Open positions: a new (run, symbol, opening time) is inserted, a known one updated (added to, stops moved).</summary>
    public List<PositionRecord> OpenedPositions { get; } = [];

    /// <summary>Positions that closed, stored earlier or in this batch.</summary>
    public List<ClosedPosition> ClosedPositions { get; } = [];

    /// <summary>Closed trades to write back to the decisions that opened them.</summary>
    public List<TradeOutcome> Outcomes { get; } = [];

    /// <summary>Equity at candle closes; a snapshot at a stored time replaces it.</summary>
    public List<EquitySnapshotRecord> EquitySnapshots { get; } = [];

    /// <summary>True when there is nothing to save.</summary>
    public bool IsEmpty =>
        Decisions.Count == 0 && Orders.Count == 0 && OrderUpdates.Count == 0 && Fills.Count == 0
        && OpenedPositions.Count == 0 && ClosedPositions.Count == 0 && Outcomes.Count == 0 && EquitySnapshots.Count == 0;

    /// <summary>Empties every list, ready for the next batch.</summary>
    public void Clear()
    {
        Decisions.Clear();
        Orders.Clear();
        OrderUpdates.Clear();
        Fills.Clear();
        OpenedPositions.Clear();
        ClosedPositions.Clear();
        Outcomes.Clear();
        EquitySnapshots.Clear();
    }
}
