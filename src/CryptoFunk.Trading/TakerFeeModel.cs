namespace CryptoFunk.Trading;

/// <summary>
/// The default fee: one rate of the notional on every fill, the exchange's taker fee (<c>PaperBroker:TakerFeeRate</c>;
/// 0.001 is Binance spot's 0.1%). Limit fills pay it too, the cautious assumption.
/// </summary>
public sealed class TakerFeeModel : FeeModel
{
    private readonly decimal _rate;

    /// <summary>Creates the model; <paramref name="rate"/> must be in [0, 1).</summary>
    public TakerFeeModel(decimal rate)
    {
        if (rate is < 0 or >= 1)
            throw new ArgumentException($"TakerFeeRate must be in [0, 1), was {rate}", nameof(rate));

        _rate = rate;
    }

    /// <inheritdoc />
    protected override decimal FeeCore(OrderSide side, decimal quantity, decimal price) => quantity * price * _rate;
}
