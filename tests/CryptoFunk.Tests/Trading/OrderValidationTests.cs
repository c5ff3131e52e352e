using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Tests.Trading;

public sealed class OrderValidationTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static OrderRequest Order(OrderType type = OrderType.Limit, OrderSide side = OrderSide.Buy, decimal quantity = 1m,
        decimal? limit = 100m, decimal? stopLoss = null, decimal? takeProfit = null, string id = "o1") =>
        new(id, Btc, side, type, quantity, limit, stopLoss, takeProfit, T0);

    private static string? RejectionOf(OrderRequest request) => new PaperBroker().Submit(request).RejectionReason;

    [Test]
    public void Non_positive_quantity_is_rejected_naming_the_field() =>
        Assert.That(RejectionOf(Order(quantity: 0m)), Is.EqualTo("Quantity must be positive, was 0"));

    [Test]
    public void Limit_order_without_a_price_is_rejected() =>
        Assert.That(RejectionOf(Order(limit: null)), Is.EqualTo("LimitPrice is required for a limit order"));

    [Test]
    public void Market_order_with_a_limit_price_is_rejected() =>
        Assert.That(RejectionOf(Order(type: OrderType.Market)), Is.EqualTo("LimitPrice must be empty for a market order"));

    [Test]
    public void Non_positive_limit_price_is_rejected() =>
        Assert.That(RejectionOf(Order(limit: -1m)), Is.EqualTo("LimitPrice must be positive, was -1"));

    [Test]
    public void Long_stop_loss_above_the_limit_price_is_rejected() =>
        Assert.That(RejectionOf(Order(stopLoss: 105m)), Is.EqualTo("StopLoss 105 must be below the limit price 100 for a Long position"));

    [Test]
    public void Long_take_profit_below_the_limit_price_is_rejected() =>
        Assert.That(RejectionOf(Order(takeProfit: 95m)), Is.EqualTo("TakeProfit 95 must be above the limit price 100 for a Long position"));

    [Test]
    public void Long_stop_loss_above_the_take_profit_is_rejected() =>
        Assert.That(RejectionOf(Order(type: OrderType.Market, limit: null, stopLoss: 120m, takeProfit: 110m)),
            Is.EqualTo("StopLoss 120 must be below TakeProfit 110 for a Long position"));

    [Test]
    public void Market_long_with_a_stop_above_the_fill_price_is_rejected_at_fill()
    {
        var broker = new PaperBroker();
        broker.Submit(Order(type: OrderType.Market, limit: null, stopLoss: 101m));

        var outcome = broker.OnCandle(Btc, new Candle(T0, 100m, 102m, 99m, 100m, 1000m));

        Assert.That(outcome.Fills, Is.Empty);
        Assert.That(outcome.Rejections.Single().Reason, Does.StartWith("StopLoss 101 must be below the fill price 100.06"));
        Assert.That(broker.Cash, Is.EqualTo(10_000m));
    }

    [Test]
    public void Duplicate_client_order_id_is_rejected()
    {
        var broker = new PaperBroker();
        broker.Submit(Order());

        Assert.That(broker.Submit(Order()).RejectionReason, Is.EqualTo("ClientOrderId 'o1' was already used; order ids must be unique"));
    }

    [Test]
    public void Sell_larger_than_the_long_position_is_rejected()
    {
        var broker = new PaperBroker();
        broker.Submit(Order(type: OrderType.Market, limit: null));
        broker.OnCandle(Btc, new Candle(T0, 100m, 101m, 99m, 100m, 1000m));

        var result = broker.Submit(Order(type: OrderType.Market, side: OrderSide.Sell, limit: null, quantity: 2m, id: "o2"));

        Assert.That(result.RejectionReason, Does.StartWith("Quantity 2 exceeds the Long position of 1 in BTC/USDT"));
    }

    [Test]
    public void Close_without_a_position_is_rejected() =>
        Assert.That(new PaperBroker().ClosePosition(Btc, T0, "exit").RejectionReason, Is.EqualTo("there is no open position in BTC/USDT to close"));

    [Test]
    public void Candle_with_non_positive_price_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new PaperBroker().OnCandle(Btc, new Candle(T0, 0m, 1m, 0m, 1m, 1m)));
        Assert.That(error!.Message, Does.Contain("non-positive Open, High, Low or Close"));
    }

    [Test]
    public void Options_with_non_positive_initial_cash_are_refused() =>
        Assert.That(() => new PaperBroker(new PaperBrokerOptions { InitialCash = 0m }),
            Throws.ArgumentException.With.Message.Contains("InitialCash must be positive"));
}
