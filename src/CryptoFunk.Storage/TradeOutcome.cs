using CryptoFunk.Trading;

namespace CryptoFunk.Storage;

/// <summary>
/// A closed trade's result, written back to every decision (and its agents' rows) that placed one of
/// <see cref="OpeningOrderIds"/>, so each decision can be judged by what it led to.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="OpeningOrderIds">Client order ids that opened the position.</param>
/// <param name="EntryTime">When the position was entered.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="ExitTime">When it closed (the open time of the bar whose fill closed it).</param>
/// <param name="ExitPrice">Exit price.</param>
/// <param name="Pnl">Quote-currency result after fees.</param>
/// <param name="PnlPercent">Result as a percentage of the entry notional.</param>
/// <param name="HoldTime">Exit time minus entry time.</param>
/// <param name="KnownAt">
/// When the outcome could first be known: the close of the bar that closed the trade, since a stop hit inside a bar
/// is not visible to a decision made before that bar closed. Memory recalls an outcome only for decisions after it.
/// </param>
public sealed record TradeOutcome(
    string RunId,
    IReadOnlyList<string> OpeningOrderIds,
    DateTimeOffset EntryTime,
    decimal EntryPrice,
    DateTimeOffset ExitTime,
    decimal ExitPrice,
    decimal Pnl,
    decimal PnlPercent,
    TimeSpan HoldTime,
    DateTimeOffset KnownAt)
{
    /// <summary>The outcome of a broker trade, known at <paramref name="knownAt"/>.</summary>
    public static TradeOutcome From(string runId, ClosedTrade trade, DateTimeOffset knownAt) => new(
        runId,
        trade.OpeningOrderIds,
        trade.EntryTime,
        trade.EntryPrice,
        trade.ExitTime,
        trade.ExitPrice,
        trade.ProfitAndLoss,
        trade.ProfitAndLossPercent,
        trade.HoldTime,
        knownAt);
}
