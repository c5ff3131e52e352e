namespace CryptoFunk.Markets;

/// <summary>
/// The open interest of a perpetual futures market at one reading: how many contracts are held open, so whether money
/// flows into positions (rising) or out of them (falling) alongside a price move.
/// </summary>
/// <param name="Quantity">Contracts held open, in the base asset (BTC for BTC/USDT).</param>
/// <param name="Value">Their value in the quote asset at that time.</param>
/// <param name="Time">When the reading was taken.</param>
/// <param name="PreviousQuantity">The reading one period earlier, for the change; null when the exchange had none.</param>
public sealed record OpenInterest(decimal Quantity, decimal Value, DateTimeOffset Time, decimal? PreviousQuantity)
{
    /// <summary>Relative change from the previous reading (0.02 is +2 %), or null without one.</summary>
    public double? Change => PreviousQuantity is { } previous && previous != 0m ? (double)((Quantity - previous) / previous) : null;
}
