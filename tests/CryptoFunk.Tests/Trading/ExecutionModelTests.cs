using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Tests.Trading;

/// <summary>
/// The paper broker's fill, fee and slippage models on their own: the defaults price exactly as the broker always
/// has, the bases refuse answers that would make a fill wrong, and a broker takes other models without changing its books.
/// </summary>
public sealed class ExecutionModelTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SlippageModel NoSlippage = new VolumeImpactSlippageModel(0m, 0m);

    private static Candle Bar(decimal open, decimal high, decimal low, decimal close, decimal volume = 1000m) => new(T0, open, high, low, close, volume);

    private static OrderRequest Order(OrderSide side, decimal quantity, decimal? limit = null) =>
        new("o1", Btc, side, limit is null ? OrderType.Market : OrderType.Limit, quantity, limit, null, null, T0);

    private static Position Held(PositionSide side, decimal? stop, decimal? target, decimal quantity = 1m) =>
        new(Btc, side, quantity, 100m, stop, target, T0, ["o1"], 0m);

    [Test]
    public void Taker_fee_is_the_rate_of_the_notional_on_either_side()
    {
        var fees = new TakerFeeModel(0.001m);

        Assert.Multiple(() =>
        {
            Assert.That(fees.Fee(OrderSide.Buy, 2m, 102.0612m), Is.EqualTo(2m * 102.0612m * 0.001m));
            Assert.That(fees.Fee(OrderSide.Sell, 2m, 102.0612m), Is.EqualTo(0.2041224m));
            Assert.That(() => new TakerFeeModel(1m), Throws.ArgumentException.With.Message.Contains("TakerFeeRate must be in [0, 1), was 1"));
        });
    }

    [Test]
    public void Volume_impact_slippage_grows_with_the_share_of_the_candle_and_is_capped_at_full_participation()
    {
        var slippage = new VolumeImpactSlippageModel(5m, 10m);
        var candle = Bar(102m, 103m, 101m, 102m);

        Assert.Multiple(() =>
        {
            // 1 of 1000 at 102: participation 0.1% -> 5 + 10 * 0.1 = 6 bps.
            Assert.That(slippage.Slipped(OrderSide.Buy, 102m, 1m, candle), Is.EqualTo(102.0612m));
            Assert.That(slippage.Slipped(OrderSide.Sell, 102m, 1m, candle), Is.EqualTo(101.9388m));
            // 10% of the volume: 5 + 10 * 10 = 105 bps.
            Assert.That(slippage.Slipped(OrderSide.Buy, 102m, 100m, candle), Is.EqualTo(102m * 1.0105m));
            // Past 100% the impact stays at 100%: 5 + 1000 = 1005 bps.
            Assert.That(slippage.Slipped(OrderSide.Buy, 102m, 5_000m, candle), Is.EqualTo(102m * 1.1005m));
            Assert.That(() => new VolumeImpactSlippageModel(0m, 100m), Throws.ArgumentException.With.Message.Contains("below 10,000 basis points"));
        });
    }

    [Test]
    public void Candle_fill_prices_market_orders_at_the_slipped_open_and_refuses_more_than_the_candle_traded()
    {
        var fill = new CandleFillModel();
        var candle = Bar(102m, 103m, 101m, 102m);

        var buy = fill.Fill(Order(OrderSide.Buy, 1m), candle, new VolumeImpactSlippageModel(5m, 10m));
        var tooBig = fill.Fill(Order(OrderSide.Buy, 1001m), candle, NoSlippage);

        Assert.Multiple(() =>
        {
            Assert.That((buy.Fills, buy.Price, buy.SlippageCost, buy.Reason), Is.EqualTo((true, 102.0612m, 0.0612m, FillReasons.Market)));
            Assert.That(tooBig.Fills, Is.False);
            Assert.That(tooBig.Refusal, Is.EqualTo("Quantity 1001 exceeds the candle's traded volume 1000"));
        });
    }

    [Test]
    public void Candle_fill_fills_a_limit_order_only_when_the_candle_trades_through_it_and_never_worse()
    {
        var fill = new CandleFillModel();

        Assert.Multiple(() =>
        {
            Assert.That(fill.Fill(Order(OrderSide.Buy, 1m, 99m), Bar(102m, 103m, 100m, 101m), NoSlippage).Fills, Is.False, "low above the limit");
            Assert.That(fill.Fill(Order(OrderSide.Buy, 1m, 99m), Bar(102m, 103m, 98m, 101m), NoSlippage).Price, Is.EqualTo(99m));
            Assert.That(fill.Fill(Order(OrderSide.Buy, 1m, 99m), Bar(97m, 100m, 96m, 99m), NoSlippage).Price, Is.EqualTo(97m), "opened below the limit: the better open");
            Assert.That(fill.Fill(Order(OrderSide.Sell, 1m, 105m), Bar(102m, 106m, 101m, 104m), NoSlippage).Price, Is.EqualTo(105m));
            Assert.That(fill.Fill(Order(OrderSide.Sell, 1m, 105m), Bar(102m, 106m, 101m, 104m), NoSlippage).Reason, Is.EqualTo(FillReasons.Limit));
        });
    }

    [Test]
    public void Candle_fill_exits_at_a_gap_at_the_open_and_assumes_the_stop_when_both_are_inside_one_candle()
    {
        var fill = new CandleFillModel();
        var slipped = new VolumeImpactSlippageModel(5m, 0m);

        var gapDown = fill.Exit(Held(PositionSide.Long, 95m, 110m), Bar(90m, 92m, 89m, 91m), slipped);
        var gapUp = fill.Exit(Held(PositionSide.Long, 95m, 110m), Bar(112m, 113m, 111m, 112m), slipped);
        var both = fill.Exit(Held(PositionSide.Long, 95m, 110m), Bar(100m, 111m, 94m, 100m), slipped);
        var shortStop = fill.Exit(Held(PositionSide.Short, 105m, 90m), Bar(100m, 106m, 99m, 104m), slipped);
        var nothing = fill.Exit(Held(PositionSide.Long, 95m, 110m), Bar(100m, 101m, 99m, 100m), slipped);

        Assert.Multiple(() =>
        {
            Assert.That((gapDown.Price, gapDown.Reason), Is.EqualTo((90m * 0.9995m, FillReasons.StopLossGap)), "the open, slipped");
            Assert.That((gapUp.Price, gapUp.SlippageCost, gapUp.Reason), Is.EqualTo((112m, 0m, FillReasons.TakeProfit)));
            Assert.That((both.Price, both.Reason), Is.EqualTo((95m * 0.9995m, FillReasons.StopLossAssumedBothHit)));
            Assert.That((shortStop.Price, shortStop.Reason), Is.EqualTo((105m * 1.0005m, FillReasons.StopLoss)), "a short's stop is bought back, slipped up");
            Assert.That(nothing.Fills, Is.False);
        });
    }

    [Test]
    public void The_bases_refuse_a_limit_filled_worse_than_its_limit_a_negative_fee_and_a_slippage_in_the_traders_favour()
    {
        var candle = Bar(100m, 101m, 99m, 100m);

        Assert.Multiple(() =>
        {
            Assert.That(() => new WorseThanLimitFill().Fill(Order(OrderSide.Buy, 1m, 99m), candle, NoSlippage),
                Throws.InvalidOperationException.With.Message.Contains("worse than its limit 99"));
            Assert.That(() => new RebateFee().Fee(OrderSide.Buy, 1m, 100m), Throws.InvalidOperationException.With.Message.Contains("negative fee"));
            Assert.That(() => new FavourableSlippage().Slipped(OrderSide.Buy, 100m, 1m, candle), Throws.InvalidOperationException.With.Message.Contains("a move must be in [0, price)"));
        });
    }

    [Test]
    public void A_broker_executes_with_the_models_it_is_given()
    {
        var broker = new PaperBroker(models: new ExecutionModels(new CandleFillModel(), new RebateFee(free: true), NoSlippage));
        broker.Submit(Order(OrderSide.Buy, 1m) with { DecisionTime = T0 });

        var fill = broker.OnCandle(Btc, Bar(100m, 101m, 99m, 100m)).Fills.Single();

        Assert.Multiple(() =>
        {
            Assert.That((fill.Price, fill.Fee, fill.SlippageCost), Is.EqualTo((100m, 0m, 0m)));
            Assert.That(broker.Cash, Is.EqualTo(10_000m - 100m), "no fee taken");
        });
    }

    /// <summary>Fills a limit buy one above its limit: what the base must refuse.</summary>
    private sealed class WorseThanLimitFill : FillModel
    {
        protected override FillQuote MarketFillCore(OrderRequest order, Candle candle, SlippageModel slippage) => FillQuote.None;

        protected override FillQuote LimitFillCore(OrderRequest order, Candle candle) => FillQuote.At(order.LimitPrice!.Value + 1m, 0m, FillReasons.Limit);

        protected override FillQuote ExitCore(Position position, Candle candle, SlippageModel slippage) => FillQuote.None;
    }

    /// <summary>Pays the trader (a negative fee) unless <paramref name="free"/>, then charges nothing.</summary>
    private sealed class RebateFee(bool free = false) : FeeModel
    {
        protected override decimal FeeCore(OrderSide side, decimal quantity, decimal price) => free ? 0m : -0.01m * quantity * price;
    }

    /// <summary>Moves the price in the trader's favour: what the base must refuse.</summary>
    private sealed class FavourableSlippage : SlippageModel
    {
        protected override decimal MoveCore(decimal reference, decimal quantity, Candle candle) => -1m;
    }
}
