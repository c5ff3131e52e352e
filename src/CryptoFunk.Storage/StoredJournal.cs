namespace CryptoFunk.Storage;

/// <summary>
/// What a run stored, read back to continue it after a crash: its orders and fills in the order they happened, the
/// closes it settled (its equity snapshots), which markets it had decided at the last of them, the counts its
/// summary adds up, and the agent answers behind its entries (decision memory).
/// </summary>
/// <param name="Orders">Orders in decision-time order.</param>
/// <param name="Fills">Fills in the order the broker made them.</param>
/// <param name="Equity">Equity snapshots, one per settled close, in time order.</param>
/// <param name="DecidedAtLastClose">Symbols decided at the last settled close.</param>
/// <param name="Counts">Decisions and agent answers counted as the summary counts them.</param>
/// <param name="EntryAnswers">Agent answers of decisions that placed an entry, in decision order.</param>
public sealed record StoredJournal(
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<FillRecord> Fills,
    IReadOnlyList<EquitySnapshotRecord> Equity,
    IReadOnlyList<string> DecidedAtLastClose,
    StoredDecisionCounts Counts,
    IReadOnlyList<StoredEntryAnswer> EntryAnswers);
