using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>Shorthands over <see cref="IBroker"/> that build an order and submit it, so they add no path of their own.</summary>
public static class BrokerExtensions
{
    /// <summary>
    /// Submits <see cref="OrderRequest.Close"/> for the whole position in <paramref name="symbol"/>; the closed trade
    /// carries <paramref name="reason"/> as its exit reason. <paramref name="clientOrderId"/> lets the caller store the
    /// intent under its id before the order exists.
    /// </summary>
    public static OrderResult ClosePosition(this IBroker broker, MarketSymbol symbol, DateTimeOffset decisionTime, string reason, string? clientOrderId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var orderId = clientOrderId ?? $"close:{symbol}:{decisionTime.UtcTicks}";
        return broker.PositionFor(symbol) is { } position
            ? broker.Submit(OrderRequest.Close(position, orderId, decisionTime, reason))
            : OrderResult.Reject(orderId, $"there is no open position in {symbol} to close");
    }
}
