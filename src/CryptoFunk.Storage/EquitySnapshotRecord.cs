namespace CryptoFunk.Storage;

/// <summary>The account's value at one time, so equity curves and drawdowns can be drawn without replaying the run.</summary>
public sealed class EquitySnapshotRecord
{
    /// <summary>The run.</summary>
    public required string RunId { get; set; }

    /// <summary>Market time of the snapshot.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>Quote-currency cash.</summary>
    public decimal Cash { get; set; }

    /// <summary>Cash plus open positions at market.</summary>
    public decimal Equity { get; set; }

    /// <summary>Highest equity so far.</summary>
    public decimal PeakEquity { get; set; }

    /// <summary>Fall from the peak as a fraction (0.1 means 10% below the peak).</summary>
    public decimal Drawdown { get; set; }
}
