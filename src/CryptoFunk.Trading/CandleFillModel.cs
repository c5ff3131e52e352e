using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The default fill model, for candles only (no order book): a market order fills at the open, slipped, unless it
/// asks for more than the candle traded; a limit order fills where the candle trades through it, at the open when the
/// open is already better; a stop or target the candle opens beyond fills at the open (a gap), else at its price when
/// the high or low reaches it, the stop first when both are inside one candle (the order is unknown, so the worse is
/// assumed). Stop fills are slipped; limit and take-profit prices are guaranteed.
/// </summary>
public sealed class CandleFillModel : FillModel
{
    /// <inheritdoc />
    protected override FillQuote MarketFillCore(OrderRequest order, Candle candle, SlippageModel slippage)
    {
        if (order.Quantity > candle.Volume)
        {
            return FillQuote.Refused($"Quantity {order.Quantity} exceeds the candle's traded volume {candle.Volume}");
        }

        var price = slippage.Slipped(order.Side, candle.Open, order.Quantity, candle);
        return FillQuote.At(price, Math.Abs(price - candle.Open) * order.Quantity, FillReasons.Market);
    }

    /// <inheritdoc />
    protected override FillQuote LimitFillCore(OrderRequest order, Candle candle)
    {
        var limit = order.LimitPrice!.Value;
        var isBuy = order.Side == OrderSide.Buy;
        if (isBuy ? candle.Low > limit : candle.High < limit)
        {
            return FillQuote.None;
        }

        return FillQuote.At(isBuy ? Math.Min(candle.Open, limit) : Math.Max(candle.Open, limit), 0m, FillReasons.Limit);
    }

    /// <inheritdoc />
    protected override FillQuote ExitCore(Position position, Candle candle, SlippageModel slippage)
    {
        var isLong = position.Side == PositionSide.Long;
        var stop = position.StopLoss;
        var target = position.TakeProfit;
        var stopHit = stop is { } s && (isLong ? candle.Low <= s : candle.High >= s);
        var targetHit = target is { } t && (isLong ? candle.High >= t : candle.Low <= t);

        if (stop is { } gapStop && (isLong ? candle.Open <= gapStop : candle.Open >= gapStop))
            return ExitAt(position, candle.Open, slipped: true, FillReasons.StopLossGap, candle, slippage);
        if (target is { } gapTarget && (isLong ? candle.Open >= gapTarget : candle.Open <= gapTarget))
            return ExitAt(position, candle.Open, slipped: false, FillReasons.TakeProfit, candle, slippage);
        if (stopHit)
            return ExitAt(position, stop!.Value, slipped: true, targetHit ? FillReasons.StopLossAssumedBothHit : FillReasons.StopLoss, candle, slippage);
        return targetHit ? ExitAt(position, target!.Value, slipped: false, FillReasons.TakeProfit, candle, slippage) : FillQuote.None;
    }

    private static FillQuote ExitAt(Position position, decimal reference, bool slipped, string reason, Candle candle, SlippageModel slippage)
    {
        var price = slipped ? slippage.Slipped(position.Side.ClosingSide(), reference, position.Quantity, candle) : reference;
        return FillQuote.At(price, Math.Abs(price - reference) * position.Quantity, reason);
    }
}
