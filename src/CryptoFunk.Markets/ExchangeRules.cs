namespace CryptoFunk.Markets;

/// <summary>
/// The order rules an exchange sets for one market (Binance's <c>LOT_SIZE</c>, <c>NOTIONAL</c> or
/// <c>MIN_NOTIONAL</c>, and <c>PRICE_FILTER</c>), so an order a real exchange would refuse is refused here too,
/// with the reason. Zero turns a rule off.
/// </summary>
/// <param name="MinQuantity">Smallest base-asset quantity an order may have.</param>
/// <param name="StepSize">Every quantity must be a whole multiple of this.</param>
/// <param name="MinNotional">Smallest order value (quantity times price) in the quote asset.</param>
/// <param name="TickSize">Every limit price must be a whole multiple of this.</param>
public sealed record ExchangeRules(decimal MinQuantity, decimal StepSize, decimal MinNotional, decimal TickSize)
{
    /// <summary>No rule at all: any positive quantity at any price.</summary>
    public static ExchangeRules None { get; } = new(0m, 0m, 0m, 0m);

    /// <summary>
    /// The largest whole multiple of <see cref="StepSize"/> not above <paramref name="quantity"/>: an order is only
    /// ever shrunk to fit the step, never enlarged.
    /// </summary>
    public decimal RoundDown(decimal quantity)
    {
        if (StepSize <= 0m || quantity <= 0m)
        {
            return quantity;
        }

        var rounded = decimal.Floor(quantity / StepSize) * StepSize;
        return rounded > quantity ? rounded - StepSize : rounded;
    }

    /// <summary>True when <paramref name="quantity"/> is a whole multiple of <see cref="StepSize"/> (always without a step).</summary>
    public bool FitsStep(decimal quantity) => StepSize <= 0m || quantity % StepSize == 0m;

    /// <summary>True when <paramref name="price"/> is a whole multiple of <see cref="TickSize"/> (always without a tick).</summary>
    public bool FitsTick(decimal price) => TickSize <= 0m || price % TickSize == 0m;
}
