using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// How far a fill moves against the trader from its reference price (the open, or a stop) within one candle, as
/// LEAN's <c>ISlippageModel</c>. A model only says how much; this base applies it against the trader and refuses a
/// move that would make the price negative or favour the trader, so no model can make a fill silently wrong.
/// </summary>
public abstract class SlippageModel
{
    /// <summary>The price a <paramref name="side"/> fill of <paramref name="quantity"/> gets against <paramref name="reference"/> in <paramref name="candle"/>.</summary>
    /// <exception cref="InvalidOperationException">The model answered a negative move, or one as large as the price.</exception>
    public decimal Slipped(OrderSide side, decimal reference, decimal quantity, Candle candle)
    {
        var move = MoveCore(reference, quantity, candle);
        if (move < 0m || move >= reference)
        {
            throw new InvalidOperationException($"{GetType().Name} moved the price {reference} by {move}; a move must be in [0, price)");
        }

        return side == OrderSide.Buy ? reference + move : reference - move;
    }

    /// <summary>The price move (quote currency per unit, not negative) for a fill of <paramref name="quantity"/> at <paramref name="reference"/>.</summary>
    protected abstract decimal MoveCore(decimal reference, decimal quantity, Candle candle);
}
