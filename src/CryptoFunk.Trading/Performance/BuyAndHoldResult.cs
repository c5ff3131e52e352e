namespace CryptoFunk.Trading.Performance;

/// <summary>What buying once and holding did over a window: the column the agents' result is compared with.</summary>
/// <param name="Entry">The single buy fill, with its price after slippage and its fee; null when the exchange's order rules let no buy be placed (the cash is held).</param>
/// <param name="Curve">The starting cash at the first bar's open, then equity at each bar's close.</param>
/// <param name="FeesPaid">Fees charged; the entry fee only, as the position is never sold.</param>
/// <param name="Metrics">The curve's metrics, computed as for any strategy.</param>
public sealed record BuyAndHoldResult(
    Fill? Entry,
    IReadOnlyList<EquityPoint> Curve,
    decimal FeesPaid,
    PerformanceMetrics Metrics)
{
    /// <summary>Why nothing was bought (the exchange rule the buy broke); null when it was.</summary>
    public string? NotBought { get; init; }
}
