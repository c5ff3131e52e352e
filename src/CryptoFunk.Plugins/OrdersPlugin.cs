using System.ComponentModel;
using System.Text.Json.Serialization;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// Places and cancels paper orders in one market, for code (<see cref="Place"/>, <see cref="Cancel"/>) and as
/// Semantic Kernel functions sharing that one implementation. Every order carries the <see cref="DecisionClock"/>'s
/// time, never a caller's, so it can only fill at prices after the decision. Analysis agents do not get these
/// functions; only the execution step, after risk approval, places orders.
/// </summary>
public sealed class OrdersPlugin
{
    private const string SymbolParameter = "Market as BASE/QUOTE; leave empty for the market being traded.";

    private readonly IBroker _broker;
    private readonly DecisionClock _clock;
    private readonly MarketSymbol _symbol;

    /// <summary>Trades <paramref name="symbol"/> on <paramref name="broker"/> at <paramref name="clock"/>'s decision time.</summary>
    public OrdersPlugin(IBroker broker, DecisionClock clock, MarketSymbol symbol)
    {
        _broker = broker;
        _clock = clock;
        _symbol = symbol;
    }

    /// <summary>Submits <paramref name="ticket"/> in this plugin's market at the clock's decision time.</summary>
    public OrderResult Place(OrderTicket ticket) =>
        _broker.Submit(new OrderRequest(
            ticket.ClientOrderId,
            _symbol,
            ticket.Side,
            ticket.Type,
            ticket.Quantity,
            ticket.LimitPrice,
            ticket.StopLoss,
            ticket.TakeProfit,
            _clock.Time));

    /// <summary>Removes the open order <paramref name="clientOrderId"/>; accepted means it was removed.</summary>
    public OrderResult Cancel(string clientOrderId) =>
        _broker.Cancel(clientOrderId)
            ? OrderResult.Accept(clientOrderId)
            : OrderResult.Reject(clientOrderId, $"no open order has id '{clientOrderId}'; it has filled, been refused or cancelled, or never existed");

    [KernelFunction]
    [Description("Submits an order in the market being traded at the decision time. A market order fills at the open of the next candle plus slippage; a limit order when a candle trades through its price. Answers accepted, or rejected with the reason; an order is never resized.")]
    private OrderReply PlaceOrder(
        [Description("buy or sell.")] string side,
        [Description("Base-asset quantity, positive.")] decimal quantity,
        [Description("Your unique id for this order; use it to cancel.")] string clientOrderId,
        [Description("market or limit.")] string type = "market",
        [Description("Limit price; required for a limit order, empty for a market order.")] decimal? limitPrice = null,
        [Description("Stop-loss price for the position this order opens; below the entry for a buy.")] decimal? stopLoss = null,
        [Description("Take-profit price for the position this order opens; above the entry for a buy.")] decimal? takeProfit = null,
        [Description(SymbolParameter)] string? symbol = null)
    {
        if (ToolError.ForOtherSymbol(_symbol, symbol) is { } error)
        {
            return OrderReply.Rejected(clientOrderId, error.Error);
        }

        OrderSide? orderSide = side?.Trim().ToUpperInvariant() switch
        {
            "BUY" => OrderSide.Buy,
            "SELL" => OrderSide.Sell,
            _ => null,
        };
        OrderType? orderType = type?.Trim().ToUpperInvariant() switch
        {
            "MARKET" => OrderType.Market,
            "LIMIT" => OrderType.Limit,
            _ => null,
        };
        if (orderSide is null)
        {
            return OrderReply.Rejected(clientOrderId, $"side '{side}' is not buy or sell");
        }

        if (orderType is null)
        {
            return OrderReply.Rejected(clientOrderId, $"type '{type}' is not market or limit");
        }

        var result = Place(new OrderTicket(clientOrderId, orderSide.Value, quantity, orderType.Value, limitPrice, stopLoss, takeProfit));
        return result.Accepted
            ? new OrderReply(result.OrderId, "accepted", UtcTimestamp.Format(_clock.Time), null)
            : OrderReply.Rejected(result.OrderId, result.RejectionReason!);
    }

    [KernelFunction]
    [Description("Cancels an open order by its clientOrderId. Answers cancelled, or rejected when no open order has that id.")]
    private OrderReply CancelOrder([Description("The clientOrderId the order was placed with.")] string clientOrderId)
    {
        var result = Cancel(clientOrderId);
        return result.Accepted
            ? new OrderReply(result.OrderId, "cancelled", null, null)
            : OrderReply.Rejected(result.OrderId, result.RejectionReason!);
    }

    /// <summary>The answer to a placement or cancellation: status accepted, cancelled or rejected, with the reason when rejected.</summary>
    private sealed record OrderReply(
        string ClientOrderId,
        string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DecisionTime,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason)
    {
        public static OrderReply Rejected(string clientOrderId, string reason) => new(clientOrderId, "rejected", null, reason);
    }
}
