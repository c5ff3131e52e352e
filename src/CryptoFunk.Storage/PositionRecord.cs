using System.Text.Json;
using CryptoFunk.Trading;

namespace CryptoFunk.Storage;

/// <summary>
/// A position's life from the first fill to the close, one row per (run, symbol, opening time), so the history of
/// holdings survives a restart and can be shown next to the decisions that made it.
/// </summary>
public sealed class PositionRecord
{
    /// <summary>Row id (generated).</summary>
    public long Id { get; set; }

    /// <summary>The run holding the position.</summary>
    public required string RunId { get; set; }

    /// <summary>Market (<c>BTC/USDT</c>).</summary>
    public required string Symbol { get; set; }

    /// <summary>Long or short.</summary>
    public PositionSide Side { get; set; }

    /// <summary>Base-asset quantity (still) open.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Average entry price.</summary>
    public decimal EntryPrice { get; set; }

    /// <summary>Stop loss, when set.</summary>
    public decimal? StopLoss { get; set; }

    /// <summary>Take profit, when set.</summary>
    public decimal? TakeProfit { get; set; }

    /// <summary>Time of the first fill that opened the position.</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Client order ids that opened or added to the position, as a JSON array, oldest first.</summary>
    public required string OpeningOrderIdsJson { get; set; }

    /// <summary>When the position was closed; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Exit price.</summary>
    public decimal? ExitPrice { get; set; }

    /// <summary>Quote-currency result after fees.</summary>
    public decimal? Pnl { get; set; }

    /// <summary>Result as a percentage of the entry notional.</summary>
    public decimal? PnlPercent { get; set; }

    /// <summary>Why it closed (a <see cref="FillReasons"/> value or the caller's reason).</summary>
    public string? ExitReason { get; set; }

    /// <summary>Order id carried by the exit fill.</summary>
    public string? ExitOrderId { get; set; }

    /// <summary>The open row for a broker position (insert when new, update when added to).</summary>
    public static PositionRecord From(string runId, Position position) => new()
    {
        RunId = runId,
        Symbol = position.Symbol.ToString(),
        Side = position.Side,
        Quantity = position.Quantity,
        EntryPrice = position.AverageEntryPrice,
        StopLoss = position.StopLoss,
        TakeProfit = position.TakeProfit,
        OpenedAt = position.OpenedAt,
        OpeningOrderIdsJson = JsonSerializer.Serialize(position.OpeningOrderIds),
    };
}
