using CryptoFunk.Trading;

namespace CryptoFunk.Storage;

/// <summary>The close of a stored position, found by (run, symbol, opening time).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Symbol">Market (<c>BTC/USDT</c>).</param>
/// <param name="OpenedAt">Opening time of the position row.</param>
/// <param name="ClosedAt">When it closed.</param>
/// <param name="ExitPrice">Exit price.</param>
/// <param name="Pnl">Quote-currency result after fees.</param>
/// <param name="PnlPercent">Result as a percentage of the entry notional.</param>
/// <param name="ExitReason">Why it closed.</param>
/// <param name="ExitOrderId">Order id carried by the exit fill.</param>
public sealed record ClosedPosition(
    string RunId,
    string Symbol,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt,
    decimal ExitPrice,
    decimal Pnl,
    decimal PnlPercent,
    string ExitReason,
    string ExitOrderId)
{
    /// <summary>The close of the position a broker trade ended (its entry time is the position's opening time).</summary>
    public static ClosedPosition From(string runId, ClosedTrade trade) => new(
        runId,
        trade.Symbol.ToString(),
        trade.EntryTime,
        trade.ExitTime,
        trade.ExitPrice,
        trade.ProfitAndLoss,
        trade.ProfitAndLossPercent,
        trade.ExitReason,
        trade.ExitOrderId);
}
