namespace CryptoFunk.Trading;

/// <summary>The three models a paper broker executes with; swapping one changes how fills are simulated, not the books.</summary>
/// <param name="Fill">Whether and where orders and exits fill in a candle.</param>
/// <param name="Fee">The fee of each fill.</param>
/// <param name="Slippage">How far market and stop fills move against the trader.</param>
public sealed record ExecutionModels(FillModel Fill, FeeModel Fee, SlippageModel Slippage)
{
    /// <summary>
    /// The default models configured from <c>PaperBroker:*</c>: <see cref="CandleFillModel"/>,
    /// <see cref="TakerFeeModel"/> at <see cref="PaperBrokerOptions.TakerFeeRate"/> and
    /// <see cref="VolumeImpactSlippageModel"/> with the two slippage settings.
    /// </summary>
    /// <exception cref="ArgumentException">A cost setting is out of range; the message names it.</exception>
    public static ExecutionModels From(PaperBrokerOptions options) => new(
        new CandleFillModel(),
        new TakerFeeModel(options.TakerFeeRate),
        new VolumeImpactSlippageModel(options.SlippageBasisPoints, options.SizeImpactBasisPointsPerPercentOfVolume));
}
