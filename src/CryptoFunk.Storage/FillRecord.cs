using CryptoFunk.Trading;

namespace CryptoFunk.Storage;

/// <summary>One execution with its fee and slippage, keyed by the broker's fill id so it is stored exactly once.</summary>
public sealed class FillRecord
{
    /// <summary>The run whose broker filled.</summary>
    public required string RunId { get; set; }

    /// <summary>Broker-assigned id, unique and increasing within the run.</summary>
    public long FillId { get; set; }

    /// <summary>Client order id (of the opening order for stop-loss and take-profit exits).</summary>
    public required string OrderId { get; set; }

    /// <summary>Market (<c>BTC/USDT</c>).</summary>
    public required string Symbol { get; set; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; set; }

    /// <summary>Base-asset quantity filled.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Execution price including slippage.</summary>
    public decimal Price { get; set; }

    /// <summary>Quote-currency fee.</summary>
    public decimal Fee { get; set; }

    /// <summary>Quote currency lost to slippage.</summary>
    public decimal SlippageCost { get; set; }

    /// <summary>Market time of the fill.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>A <see cref="FillReasons"/> value.</summary>
    public required string Reason { get; set; }

    /// <summary>The row for a broker fill.</summary>
    public static FillRecord From(string runId, Fill fill) => new()
    {
        RunId = runId,
        FillId = fill.FillId,
        OrderId = fill.OrderId,
        Symbol = fill.Symbol.ToString(),
        Side = fill.Side,
        Quantity = fill.Quantity,
        Price = fill.Price,
        Fee = fill.Fee,
        SlippageCost = fill.SlippageCost,
        Time = fill.Time,
        Reason = fill.Reason,
    };

    /// <summary>
    /// True when <paramref name="other"/> records the same fill, amounts compared at the store's precision (ten
    /// decimal places), so a fill rebuilt in memory matches the row stored for it.
    /// </summary>
    public bool SameAs(FillRecord other) =>
        FillId == other.FillId && OrderId == other.OrderId && Symbol == other.Symbol && Side == other.Side && Time == other.Time
        && StoredPrecision.Equal(Quantity, other.Quantity) && StoredPrecision.Equal(Price, other.Price) && StoredPrecision.Equal(Fee, other.Fee);
}
