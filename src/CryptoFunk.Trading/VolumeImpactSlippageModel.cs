using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The default slippage: a fixed part plus a part growing with the order's share of the candle's quote volume, so
/// large orders cost more. A fill at reference <c>p</c> moves by <c>fixed + impact * participation</c> basis points,
/// with <c>participation = min(100, 100 * quantity * p / (volume * close))</c> in percent (configured by
/// <c>PaperBroker:SlippageBasisPoints</c> and <c>PaperBroker:SizeImpactBasisPointsPerPercentOfVolume</c>).
/// </summary>
public sealed class VolumeImpactSlippageModel : SlippageModel
{
    private const decimal BasisPointsPerUnit = 10_000m;

    private readonly decimal _basisPoints;
    private readonly decimal _impactPerPercent;

    /// <summary>Creates the model; refuses negative parts and a move of 100% or more at full participation.</summary>
    public VolumeImpactSlippageModel(decimal basisPoints, decimal impactBasisPointsPerPercentOfVolume)
    {
        if (basisPoints < 0 || impactBasisPointsPerPercentOfVolume < 0)
            throw new ArgumentException("SlippageBasisPoints and SizeImpactBasisPointsPerPercentOfVolume must not be negative");
        if (basisPoints + (100m * impactBasisPointsPerPercentOfVolume) >= BasisPointsPerUnit)
            throw new ArgumentException("slippage at 100% of a candle's volume must stay below 10,000 basis points");

        _basisPoints = basisPoints;
        _impactPerPercent = impactBasisPointsPerPercentOfVolume;
    }

    /// <inheritdoc />
    protected override decimal MoveCore(decimal reference, decimal quantity, Candle candle)
    {
        var participationPercent = Math.Min(100m, 100m * quantity * reference / (candle.Volume * candle.Close));
        var basisPoints = _basisPoints + (_impactPerPercent * participationPercent);
        return reference * basisPoints / BasisPointsPerUnit;
    }
}
