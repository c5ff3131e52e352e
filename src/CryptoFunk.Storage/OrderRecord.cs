using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Storage;

/// <summary>
/// An order as it went through its life (<see cref="OrderStatuses"/>), keyed by the run and the client order id the
/// broker, fills and closed trades refer to.
/// </summary>
public sealed class OrderRecord
{
    /// <summary>The run that placed the order.</summary>
    public required string RunId { get; set; }

    /// <summary>Client order id, unique within the run.</summary>
    public required string ClientOrderId { get; set; }

    /// <summary>
    /// The decision that placed the order; when null and the decision (with this <see cref="TradingDecisionRecord.OrderId"/>)
    /// is saved in the same batch, <see cref="TradingStore"/> links them.
    /// </summary>
    public long? TradingDecisionId { get; set; }

    /// <summary>Market (<c>BTC/USDT</c>).</summary>
    public required string Symbol { get; set; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; set; }

    /// <summary>Market or limit.</summary>
    public OrderType Type { get; set; }

    /// <summary>Base-asset quantity.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Limit price of a limit order.</summary>
    public decimal? LimitPrice { get; set; }

    /// <summary>Stop loss of the position the order opens.</summary>
    public decimal? StopLoss { get; set; }

    /// <summary>Take profit of the position the order opens.</summary>
    public decimal? TakeProfit { get; set; }

    /// <summary>Market time of the decision behind the order.</summary>
    public DateTimeOffset DecisionTime { get; set; }

    /// <summary>An <see cref="OrderStatuses"/> value.</summary>
    public string Status { get; set; } = OrderStatuses.Intent;

    /// <summary>Why the status changed (a rejection's reason, ...).</summary>
    public string? StatusReason { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The row for a broker order about to be submitted (status <c>intent</c>).</summary>
    public static OrderRecord From(string runId, OrderRequest order, DateTimeOffset updatedAt) => new()
    {
        RunId = runId,
        ClientOrderId = order.ClientOrderId,
        Symbol = order.Symbol.ToString(),
        Side = order.Side,
        Type = order.Type,
        Quantity = order.Quantity,
        LimitPrice = order.LimitPrice,
        StopLoss = order.StopLoss,
        TakeProfit = order.TakeProfit,
        DecisionTime = order.DecisionTime,
        UpdatedAt = updatedAt,
    };

    /// <summary>The order as the broker takes it, to place it again when the run continues after a crash.</summary>
    public OrderRequest ToRequest() => new(ClientOrderId, MarketSymbol.Parse(Symbol), Side, Type, Quantity, LimitPrice, StopLoss, TakeProfit, DecisionTime);
}
