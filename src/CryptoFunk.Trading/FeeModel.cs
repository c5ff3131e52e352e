namespace CryptoFunk.Trading;

/// <summary>
/// What a fill costs in fees, in the quote currency, as LEAN's <c>IFeeModel</c>. The broker asks it for every fill
/// and for the cost check before an order is accepted, so both always agree; a negative fee is refused.
/// </summary>
public abstract class FeeModel
{
    /// <summary>The fee of a <paramref name="side"/> fill of <paramref name="quantity"/> at <paramref name="price"/>.</summary>
    /// <exception cref="InvalidOperationException">The model answered a negative fee.</exception>
    public decimal Fee(OrderSide side, decimal quantity, decimal price)
    {
        var fee = FeeCore(side, quantity, price);
        return fee >= 0m ? fee : throw new InvalidOperationException($"{GetType().Name} charged a negative fee {fee}");
    }

    /// <summary>The model's fee, not negative.</summary>
    protected abstract decimal FeeCore(OrderSide side, decimal quantity, decimal price);
}
