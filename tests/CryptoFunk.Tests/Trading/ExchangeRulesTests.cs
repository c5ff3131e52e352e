using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Trading;

/// <summary>
/// The exchange's order rules: quantities are only ever rounded down to the step, orders a real exchange would refuse
/// are refused by the broker with the reason (entries and closes alike), and the rules for replays come from
/// configuration on top of Binance's published ones, a bad key named in one line.
/// </summary>
public sealed class ExchangeRulesTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ExchangeRules BtcRules = ExchangeRulesConfiguration.BinanceSpot[Btc];

    private static PaperBroker Broker() => new(rules: new ExchangeRuleBook(new Dictionary<MarketSymbol, ExchangeRules> { [Btc] = BtcRules }));

    private static OrderRequest Market(string id, OrderSide side, decimal quantity, DateTimeOffset time) =>
        new(id, Btc, side, OrderType.Market, quantity, null, null, null, time);

    private static Candle Bar(int hour, decimal price) => new(T0.AddHours(hour), price, price + 1m, price - 1m, price, 1_000m);

    [Test]
    public void Rounding_to_the_step_never_enlarges_and_keeps_what_already_fits()
    {
        var random = new Random(7);
        foreach (var step in new[] { 0.00001m, 0.0001m, 0.001m, 0.1m, 1m, 0.00000001m, 0.003m })
        {
            var rules = new ExchangeRules(0m, step, 0m, 0m);
            for (var i = 0; i < 2_000; i++)
            {
                var quantity = decimal.Round((decimal)random.NextDouble() * 10m, random.Next(0, 11));
                var rounded = rules.RoundDown(quantity);
                Assert.That(rounded, Is.LessThanOrEqualTo(quantity), $"{quantity} at step {step}");
                Assert.That(quantity - rounded, Is.LessThan(step), $"{quantity} at step {step} lost more than a step");
                Assert.That(rules.FitsStep(rounded), Is.True, $"{rounded} at step {step}");
                Assert.That(rules.RoundDown(rounded), Is.EqualTo(rounded), "what fits stays");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(BtcRules.RoundDown(0.123456789m), Is.EqualTo(0.12345m));
            Assert.That(BtcRules.RoundDown(0.00000008m), Is.Zero);
            Assert.That(ExchangeRules.None.RoundDown(0.123456789m), Is.EqualTo(0.123456789m));
        });
    }

    [Test]
    public void Each_rule_refuses_with_its_reason_and_its_code()
    {
        var below = BtcRules.Check(Btc, 0.00000008m, 40_000m);
        var offStep = BtcRules.Check(Btc, 0.000123m, 40_000m);
        var dust = BtcRules.Check(Btc, 0.0001m, 40_000m);
        var offTick = BtcRules.Check(Btc, 0.001m, 40_000.005m, limitPrice: 40_000.005m);

        Assert.Multiple(() =>
        {
            Assert.That(below!.Reason, Is.EqualTo("0.00000008 BTC is below the minimum quantity 0.00001 BTC of BTC/USDT"));
            Assert.That(offStep!.Reason, Is.EqualTo("0.000123 BTC is not a multiple of the step size 0.00001 BTC of BTC/USDT"));
            Assert.That(dust!.Reason, Is.EqualTo("0.0001 BTC at 40000 is worth 4 USDT, below the minimum order value 5 USDT of BTC/USDT"));
            Assert.That(offTick!.Reason, Is.EqualTo("limit price 40000.005 is not a multiple of the tick size 0.01 of BTC/USDT"));
            Assert.That(
                new[] { below, offStep, dust, offTick }.Select(b => RefusalCodes.For(b.Rule)),
                Is.EqualTo(new[] { RefusalCodes.BelowMinQuantity, RefusalCodes.OffStepSize, RefusalCodes.BelowMinNotional, RefusalCodes.OffTickSize }));
            Assert.That(BtcRules.Check(Btc, 0.00013m, 40_000m), Is.Null, "5.2 USDT on the step");
            Assert.That(BtcRules.Check(Btc, 0.00001m, price: null), Is.Null, "no price known: the order value is not judged");
        });
    }

    [Test]
    public void The_broker_refuses_what_the_exchange_would_refuse_and_accepts_what_fits()
    {
        var broker = Broker();
        broker.OnCandle(Btc, Bar(0, 40_000m));

        Assert.Multiple(() =>
        {
            Assert.That(broker.Submit(Market("dust", OrderSide.Buy, 0.00000008m, T0)).RejectionReason,
                Is.EqualTo("0.00000008 BTC is below the minimum quantity 0.00001 BTC of BTC/USDT"));
            Assert.That(broker.Submit(Market("odd", OrderSide.Buy, 0.000123m, T0)).RejectionReason, Does.Contain("not a multiple of the step size 0.00001 BTC"));
            Assert.That(broker.Submit(Market("small", OrderSide.Buy, 0.0001m, T0)).RejectionReason, Does.Contain("worth 4 USDT, below the minimum order value 5 USDT"));
            Assert.That(broker.Submit(Market("ok", OrderSide.Buy, 0.001m, T0.AddHours(1))).Accepted, Is.True);
        });
    }

    [Test]
    public void Before_the_broker_has_a_price_the_order_value_is_judged_at_the_fill()
    {
        var broker = Broker();
        Assert.That(broker.Submit(Market("early", OrderSide.Buy, 0.0001m, T0)).Accepted, Is.True, "no price yet");

        var outcome = broker.OnCandle(Btc, Bar(0, 40_000m));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Fills, Is.Empty);
            Assert.That(outcome.Rejections.Single().Reason, Is.EqualTo("0.0001 BTC at 40020.0004 is worth 4.00200004 USDT, below the minimum order value 5 USDT of BTC/USDT"), "judged at the fill price");
            Assert.That(broker.Cash, Is.EqualTo(10_000m));
        });
    }

    [Test]
    public void A_close_goes_through_the_same_checks_as_an_entry()
    {
        var broker = Broker();
        broker.OnCandle(Btc, Bar(0, 40_000m));
        broker.Submit(Market("e1", OrderSide.Buy, 0.0002m, T0.AddHours(1)));
        broker.OnCandle(Btc, Bar(1, 40_000m));
        broker.OnCandle(Btc, Bar(2, 20_000m));

        var dust = broker.ClosePosition(Btc, T0.AddHours(3), "exit", "close-1");
        var reused = broker.Submit(OrderRequest.Close(broker.PositionFor(Btc)!, "e1", T0.AddHours(3), "exit"));
        broker.OnCandle(Btc, Bar(3, 40_000m));
        var closed = broker.ClosePosition(Btc, T0.AddHours(4), "exit", "close-2");
        broker.OnCandle(Btc, Bar(4, 40_000m));

        Assert.Multiple(() =>
        {
            Assert.That(dust.RejectionReason, Is.EqualTo("0.0002 BTC at 20000 is worth 4 USDT, below the minimum order value 5 USDT of BTC/USDT"));
            Assert.That(reused.RejectionReason, Is.EqualTo("ClientOrderId 'e1' was already used; order ids must be unique"));
            Assert.That(closed.Accepted, Is.True);
            Assert.That(broker.ClosedTrades.Single().ExitReason, Is.EqualTo("exit"));
            Assert.That(broker.Positions, Is.Empty);
        });
    }

    [Test]
    public void A_close_never_opens_a_position()
    {
        var broker = new PaperBroker(new PaperBrokerOptions { AllowShorts = true });
        var position = new Position(Btc, PositionSide.Long, 1m, 100m, null, null, T0, ["e1"], 0m);

        var result = broker.Submit(OrderRequest.Close(position, "close-1", T0, "exit"));

        Assert.That(result.RejectionReason, Is.EqualTo("there is no open position in BTC/USDT to close"));
    }

    [Test]
    public void Configuration_overrides_single_values_adds_markets_and_sets_the_fallback()
    {
        var book = ExchangeRulesConfiguration.Read(Configuration(new()
        {
            ["Exchange:Rules:BTC_USDT:MinNotional"] = "10",
            ["Exchange:Rules:DOGE_USDT:StepSize"] = "1",
            ["Exchange:Rules:DOGE_USDT:MinQuantity"] = "1",
            ["Exchange:Rules:Default:MinNotional"] = "0.0001",
        }));

        Assert.Multiple(() =>
        {
            Assert.That(book.For(Btc), Is.EqualTo(BtcRules with { MinNotional = 10m }));
            Assert.That(book.For(MarketSymbol.Parse("ETH/USDT")), Is.EqualTo(new ExchangeRules(0.0001m, 0.0001m, 5m, 0.01m)));
            Assert.That(book.For(MarketSymbol.Parse("DOGE/USDT")), Is.EqualTo(new ExchangeRules(1m, 1m, 0.0001m, 0.00000001m)));
            Assert.That(book.For(MarketSymbol.Parse("ETH/BTC")), Is.EqualTo(ExchangeRulesConfiguration.Fallback with { MinNotional = 0.0001m }));
        });
    }

    [TestCase("Exchange:Rules:BTC_USDT:MinQuantity", "abc", "Exchange:Rules:BTC_USDT:MinQuantity must be a number, zero or more (got 'abc')")]
    [TestCase("Exchange:Rules:BTC_USDT:StepSize", "-0.1", "Exchange:Rules:BTC_USDT:StepSize must be a number, zero or more (got '-0.1')")]
    [TestCase("Exchange:Rules:BTCUSDT:StepSize", "0.1", "Exchange:Rules:BTCUSDT is not a market: write BASE_QUOTE (such as Exchange:Rules:BTC_USDT) or Default")]
    [TestCase("Exchange:Rules:BTC_USDT:MinQty", "1", "Exchange:Rules:BTC_USDT:MinQty is not a setting: use MinQuantity, StepSize, MinNotional, TickSize")]
    public void A_bad_setting_is_refused_naming_its_key(string key, string value, string error)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ExchangeRulesConfiguration.Read(Configuration(new() { [key] = value })));

        Assert.That(refused!.Failures, Is.EqualTo(new[] { error }));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
