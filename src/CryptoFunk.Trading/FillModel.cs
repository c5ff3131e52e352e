using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// Whether and where an order, or an open position's stop or target, fills within one candle, as LEAN's
/// <c>IFillModel</c>. The broker decides what is live and keeps the books; the model only prices. This base checks
/// every answer, so no model can fill at a non-positive price, charge negative slippage, fill a limit order worse than
/// its limit or refuse a position's exit.
/// </summary>
public abstract class FillModel
{
    /// <summary>Where <paramref name="order"/> (live in this candle) fills in <paramref name="candle"/>, slipped by <paramref name="slippage"/>.</summary>
    /// <exception cref="InvalidOperationException">The model's answer breaks one of the checks above.</exception>
    public FillQuote Fill(OrderRequest order, Candle candle, SlippageModel slippage)
    {
        var quote = order.Type == OrderType.Limit ? LimitFillCore(order, candle) : MarketFillCore(order, candle, slippage);
        Check(quote);
        if (quote.Fills && order.LimitPrice is { } limit && (order.Side == OrderSide.Buy ? quote.Price > limit : quote.Price < limit))
        {
            throw new InvalidOperationException($"{GetType().Name} filled limit order {order.ClientOrderId} at {quote.Price}, worse than its limit {limit}");
        }

        return quote;
    }

    /// <summary>Whether <paramref name="position"/>'s stop loss or take profit fills in <paramref name="candle"/>, and where.</summary>
    /// <exception cref="InvalidOperationException">The model refused the exit or broke one of the checks above.</exception>
    public FillQuote Exit(Position position, Candle candle, SlippageModel slippage)
    {
        var quote = ExitCore(position, candle, slippage);
        if (quote.Refusal is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} refused the exit of the {position.Symbol} position ({quote.Refusal}); a stop or target that is hit always exits");
        }

        Check(quote);
        return quote;
    }

    /// <summary>The model's answer for a market order.</summary>
    protected abstract FillQuote MarketFillCore(OrderRequest order, Candle candle, SlippageModel slippage);

    /// <summary>The model's answer for a limit order.</summary>
    protected abstract FillQuote LimitFillCore(OrderRequest order, Candle candle);

    /// <summary>The model's answer for a position's stop loss and take profit.</summary>
    protected abstract FillQuote ExitCore(Position position, Candle candle, SlippageModel slippage);

    private void Check(FillQuote quote)
    {
        if (quote.Fills && (quote.Price <= 0m || quote.SlippageCost < 0m))
        {
            throw new InvalidOperationException($"{GetType().Name} filled at price {quote.Price} with slippage cost {quote.SlippageCost}; the price must be positive and the cost not negative");
        }
    }
}
