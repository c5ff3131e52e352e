namespace CryptoFunk.Trading;

/// <summary>
/// Costs and limits of the paper broker (section <c>PaperBroker</c>); the costs configure its default models
/// (<see cref="ExecutionModels.From"/>). Slippage (<see cref="VolumeImpactSlippageModel"/>): a fill against reference
/// price <c>p</c> (the open, or the stop price) moves by
/// <c>SlippageBasisPoints + SizeImpactBasisPointsPerPercentOfVolume * participation</c> basis points against the
/// trader, where <c>participation = 100 * quantity * p / (candle volume * candle close)</c> is the order's share of the
/// candle's quote volume in percent. Limit and take-profit fills get no slippage (the price is guaranteed), only the fee.
/// </summary>
public sealed record PaperBrokerOptions
{
    /// <summary>Quote-currency cash at the start.</summary>
    public decimal InitialCash { get; init; } = 10_000m;

    /// <summary>Fee per fill as a fraction of notional (0.001 is 0.1%, a common spot taker fee).</summary>
    public decimal TakerFeeRate { get; init; } = 0.001m;

    /// <summary>Fixed slippage in basis points charged on market and stop fills.</summary>
    public decimal SlippageBasisPoints { get; init; } = 5m;

    /// <summary>Extra basis points per 1% of the candle's quote volume the order takes, so large orders cost more.</summary>
    public decimal SizeImpactBasisPointsPerPercentOfVolume { get; init; } = 10m;

    /// <summary>Whether a sell without a long position may open a short (fully collateralised, no leverage).</summary>
    public bool AllowShorts { get; init; }
}
