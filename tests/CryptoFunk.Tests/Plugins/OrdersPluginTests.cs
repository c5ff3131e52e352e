using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using CryptoFunk.Trading;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

public sealed class OrdersPluginTests
{
    private PaperBroker _broker = null!;
    private DecisionClock _clock = null!;
    private OrdersPlugin _plugin = null!;

    [SetUp]
    public void TwoHoursOfTrading()
    {
        _broker = new PaperBroker(new PaperBrokerOptions { SlippageBasisPoints = 0m, SizeImpactBasisPointsPerPercentOfVolume = 0m });
        _broker.OnCandle(Btc, Bar(0, 100m, volume: 1000m));
        _broker.OnCandle(Btc, Bar(1, 101m, volume: 1000m));
        _clock = ClockAt(T0.AddHours(2));
        _plugin = new OrdersPlugin(_broker, _clock, Btc);
    }

    [Test]
    public void Functions_are_named_and_require_side_quantity_and_client_order_id()
    {
        var functions = _plugin.AsAIFunctions();

        Assert.That(functions.Select(f => f.Name), Is.EqualTo(new[] { "Orders_PlaceOrder", "Orders_CancelOrder" }));
        Assert.That(functions.Named("Orders_PlaceOrder").Parameters(), Is.EqualTo((
            new[] { "side", "quantity", "clientOrderId", "type", "limitPrice", "stopLoss", "takeProfit", "symbol" },
            new[] { "side", "quantity", "clientOrderId" })));
        Assert.That(functions.Named("Orders_PlaceOrder").ParameterDescription("side"), Is.EqualTo("buy or sell."));
        Assert.That(functions.Named("Orders_CancelOrder").Parameters(), Is.EqualTo((new[] { "clientOrderId" }, new[] { "clientOrderId" })));
    }

    [Test]
    public async Task A_market_order_takes_the_clocks_decision_time_and_fills_at_the_next_candle()
    {
        var result = await _plugin.AsAIFunctions().CallAsync("Orders_PlaceOrder",
            ("side", "buy"), ("quantity", 2m), ("clientOrderId", "a1"), ("stopLoss", 90m), ("decisionTime", "2024-01-01T00:00:00Z"));

        Assert.That(result.GetRawText(), Is.EqualTo("""{"clientOrderId":"a1","status":"accepted","decisionTime":"2024-01-01T02:00:00Z"}"""));
        Assert.That(_broker.OpenOrders.Single().DecisionTime, Is.EqualTo(T0.AddHours(2)), "a caller cannot back-date an order");

        var outcome = _broker.OnCandle(Btc, Bar(2, 102m, volume: 1000m));

        var fill = outcome.Fills.Single();
        Assert.That((fill.OrderId, fill.Price, fill.Quantity, fill.Time, fill.Reason), Is.EqualTo(("a1", 102m, 2m, T0.AddHours(2), FillReasons.Market)));
        Assert.That(_broker.PositionFor(Btc)!.StopLoss, Is.EqualTo(90m));
    }

    [TestCase("buy", "-1", "market", null, null, "Quantity must be positive, was -1")]
    [TestCase("hold", "1", "market", null, null, "side 'hold' is not buy or sell")]
    [TestCase("buy", "1", "stop", null, null, "type 'stop' is not market or limit")]
    [TestCase("sell", "1", "market", null, null, "sell of BTC/USDT without a long position; shorts are off (AllowShorts is false)")]
    [TestCase("buy", "1", "limit", null, null, "LimitPrice is required for a limit order")]
    [TestCase("buy", "1000", "limit", "101", null, "insufficient cash: 1000 x 101 plus fee costs 101101.000 but cash is 10000; orders are never resized")]
    [TestCase("buy", "1", "market", null, "ETH/USDT", "only BTC/USDT is available, not ETH/USDT")]
    public async Task A_rejected_order_answers_with_the_reason(string side, string quantity, string type, string? limitPrice, string? symbol, string reason)
    {
        var result = await _plugin.AsAIFunctions().CallAsync("Orders_PlaceOrder",
            ("side", side), ("quantity", quantity), ("type", type), ("limitPrice", limitPrice), ("symbol", symbol), ("clientOrderId", "r1"));

        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(result.GetProperty("reason").GetString(), Is.EqualTo(reason));
        Assert.That(result.TryGetProperty("decisionTime", out _), Is.False);
        Assert.That(_broker.OpenOrders, Is.Empty);
    }

    [Test]
    public async Task An_open_order_can_be_cancelled_once()
    {
        var functions = _plugin.AsAIFunctions();
        var placed = await functions.CallAsync("Orders_PlaceOrder", ("side", "BUY"), ("quantity", 1m), ("type", "Limit"), ("limitPrice", 50m), ("clientOrderId", "l1"));

        var cancelled = await functions.CallAsync("Orders_CancelOrder", ("clientOrderId", "l1"));
        var again = await functions.CallAsync("Orders_CancelOrder", ("clientOrderId", "l1"));

        Assert.That(placed.GetProperty("status").GetString(), Is.EqualTo("accepted"));
        Assert.That(cancelled.GetRawText(), Is.EqualTo("""{"clientOrderId":"l1","status":"cancelled"}"""));
        Assert.That(again.GetRawText(), Is.EqualTo(
            """{"clientOrderId":"l1","status":"rejected","reason":"no open order has id 'l1'; it has filled, been refused or cancelled, or never existed"}"""));
        Assert.That(_broker.OpenOrders, Is.Empty);
    }

    [Test]
    public async Task Code_and_the_function_share_one_implementation()
    {
        var placed = _plugin.Place(new OrderTicket("t1", OrderSide.Buy, 1m, StopLoss: 90m, TakeProfit: 120m));
        _clock.Set(T0.AddHours(5));
        var later = _plugin.Place(new OrderTicket("t2", OrderSide.Buy, 1m, OrderType.Limit, LimitPrice: 95m));
        var duplicate = await _plugin.AsAIFunctions().CallAsync("Orders_PlaceOrder", ("side", "buy"), ("quantity", 1m), ("clientOrderId", "t1"));

        Assert.That(placed, Is.EqualTo(OrderResult.Accept("t1")));
        Assert.That(later.Accepted, Is.True);
        Assert.That(_broker.OpenOrders.Select(o => (o.ClientOrderId, o.Symbol, o.DecisionTime)),
            Is.EqualTo(new[] { ("t1", Btc, T0.AddHours(2)), ("t2", Btc, T0.AddHours(5)) }));
        Assert.That(duplicate.GetProperty("reason").GetString(), Is.EqualTo("ClientOrderId 't1' was already used; order ids must be unique"));
        Assert.That(_plugin.Cancel("t2"), Is.EqualTo(OrderResult.Accept("t2")));
    }
}
