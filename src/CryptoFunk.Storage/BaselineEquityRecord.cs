namespace CryptoFunk.Storage;

/// <summary>
/// A baseline's equity at one time (buy-and-hold, or the rules engine alone on the same bars), stored beside the
/// run's own equity so a report drawn later from the database compares the run with what its summary compared it to.
/// </summary>
public sealed class BaselineEquityRecord
{
    /// <summary>The run the baseline was computed for.</summary>
    public required string RunId { get; set; }

    /// <summary>A <see cref="RunBaselines"/> value.</summary>
    public required string Baseline { get; set; }

    /// <summary>Market time of the mark.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>The baseline's cash plus positions at market.</summary>
    public decimal Equity { get; set; }
}
