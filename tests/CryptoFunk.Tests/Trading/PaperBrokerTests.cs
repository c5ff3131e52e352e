using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Tests.Trading;

public sealed class PaperBrokerTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PaperBrokerOptions NoSlippage = new() { SlippageBasisPoints = 0m, SizeImpactBasisPointsPerPercentOfVolume = 0m };

    private static Candle Bar(int hour, decimal open, decimal high, decimal low, decimal close, decimal volume = 1000m) =>
        new(T0.AddHours(hour), open, high, low, close, volume);

    private static OrderRequest Market(string id, OrderSide side, decimal quantity, DateTimeOffset decisionTime,
        decimal? stopLoss = null, decimal? takeProfit = null) =>
        new(id, Btc, side, OrderType.Market, quantity, null, stopLoss, takeProfit, decisionTime);

    private static OrderRequest Limit(string id, OrderSide side, decimal quantity, decimal limit, DateTimeOffset decisionTime,
        decimal? stopLoss = null) =>
        new(id, Btc, side, OrderType.Limit, quantity, limit, stopLoss, null, decisionTime);

    [Test]
    public void Market_order_fills_at_the_next_candle_open_plus_slippage_not_at_the_decision_candle()
    {
        var broker = new PaperBroker();
        var decisionTime = T0.AddHours(1);
        Assert.That(broker.Submit(Market("o1", OrderSide.Buy, 1m, decisionTime)).Accepted, Is.True);

        var seen = broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        var next = broker.OnCandle(Btc, Bar(1, 102m, 103m, 101m, 102m));

        Assert.That(seen.Fills, Is.Empty);
        var fill = next.Fills.Single();
        // Participation 1 * 102 / (1000 * 102) = 0.1% -> 5 + 10 * 0.1 = 6 bps -> 102 * 1.0006.
        Assert.That(fill.Price, Is.EqualTo(102.0612m));
        Assert.That(fill.SlippageCost, Is.EqualTo(0.0612m));
        Assert.That(fill.Time, Is.EqualTo(decisionTime));
        Assert.That(fill.Reason, Is.EqualTo(FillReasons.Market));
        Assert.That(fill.OrderId, Is.EqualTo("o1"));
        Assert.That(broker.OpenOrders, Is.Empty);
    }

    [Test]
    public void Decision_inside_a_candle_fills_at_the_open_of_the_following_candle()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0.AddMinutes(30)));

        var first = broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        var second = broker.OnCandle(Btc, Bar(1, 104m, 105m, 103m, 104m));

        Assert.That(first.Fills, Is.Empty);
        Assert.That(second.Fills.Single().Price, Is.EqualTo(104m));
    }

    [Test]
    public void Buy_charges_a_fee_of_0_1_percent_and_takes_notional_plus_fee_from_cash()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0.AddHours(1)));
        broker.OnCandle(Btc, Bar(1, 102m, 103m, 101m, 102m));

        var fill = broker.Fills.Single();
        Assert.That(fill.Fee, Is.EqualTo(0.1020612m));
        Assert.That(broker.Cash, Is.EqualTo(10_000m - 102.0612m - 0.1020612m));
        Assert.That(broker.Cash, Is.EqualTo(9897.8367388m));
        var position = broker.PositionFor(Btc)!;
        Assert.That(position.Side, Is.EqualTo(PositionSide.Long));
        Assert.That(position.Quantity, Is.EqualTo(1m));
        Assert.That(position.AverageEntryPrice, Is.EqualTo(102.0612m));
        Assert.That(position.OpeningOrderIds, Is.EqualTo(new[] { "o1" }));
    }

    [Test]
    public void Selling_the_position_returns_proceeds_less_fee_and_records_the_closed_trade_after_both_fees()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0.AddHours(1)));
        broker.OnCandle(Btc, Bar(1, 102m, 103m, 101m, 102m));
        broker.Submit(Market("o2", OrderSide.Sell, 1m, T0.AddHours(2)));

        var outcome = broker.OnCandle(Btc, Bar(2, 110m, 111m, 109m, 110m));

        var sell = outcome.Fills.Single();
        Assert.That(sell.Price, Is.EqualTo(109.934m));
        Assert.That(sell.Fee, Is.EqualTo(0.109934m));
        Assert.That(broker.Cash, Is.EqualTo(10_007.6608048m));
        Assert.That(broker.Positions, Is.Empty);

        var trade = outcome.ClosedTrades.Single();
        Assert.That(trade, Is.SameAs(broker.ClosedTrades.Single()));
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(109.934m - 102.0612m - 0.1020612m - 0.109934m));
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(7.6608048m));
        Assert.That(trade.ProfitAndLossPercent, Is.EqualTo(7.6608048m / 102.0612m * 100m));
        Assert.That(trade.ProfitAndLossPercent, Is.EqualTo(7.5060m).Within(0.0001m));
        Assert.That(trade.EntryPrice, Is.EqualTo(102.0612m));
        Assert.That(trade.ExitPrice, Is.EqualTo(109.934m));
        Assert.That(trade.EntryTime, Is.EqualTo(T0.AddHours(1)));
        Assert.That(trade.ExitTime, Is.EqualTo(T0.AddHours(2)));
        Assert.That(trade.HoldTime, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(trade.ExitReason, Is.EqualTo(FillReasons.Market));
        Assert.That(trade.OpeningOrderId, Is.EqualTo("o1"));
        Assert.That(trade.ExitOrderId, Is.EqualTo("o2"));
    }

    [Test]
    public void Market_buy_the_cash_cannot_cover_is_rejected_at_fill_with_the_reason_and_not_resized()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("big", OrderSide.Buy, 100m, T0));

        var outcome = broker.OnCandle(Btc, Bar(0, 102m, 103m, 101m, 102m));

        Assert.That(outcome.Fills, Is.Empty);
        var rejection = outcome.Rejections.Single();
        Assert.That(rejection.OrderId, Is.EqualTo("big"));
        Assert.That(rejection.Reason, Does.Contain("insufficient cash").And.Contain("cash is 10000").And.Contain("never resized"));
        Assert.That(broker.Cash, Is.EqualTo(10_000m));
        Assert.That(broker.Positions, Is.Empty);
        Assert.That(broker.OpenOrders, Is.Empty);
    }

    [Test]
    public void Limit_buy_the_cash_cannot_cover_at_its_limit_is_rejected_on_submit()
    {
        var broker = new PaperBroker();

        var result = broker.Submit(Limit("l1", OrderSide.Buy, 100m, 100m, T0));

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.RejectionReason, Does.Contain("insufficient cash").And.Contain("10010"));
        Assert.That(broker.OpenOrders, Is.Empty);
    }

    [Test]
    public void Sell_without_a_position_is_rejected_when_shorts_are_off()
    {
        var broker = new PaperBroker();

        var result = broker.Submit(Market("s1", OrderSide.Sell, 1m, T0));

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.RejectionReason, Does.Contain("without a long position").And.Contain("AllowShorts is false"));
    }

    [Test]
    public void Limit_buy_fills_only_when_the_low_crosses_it_and_at_the_limit()
    {
        var broker = new PaperBroker();
        broker.Submit(Limit("l1", OrderSide.Buy, 1m, 99m, T0));

        var notCrossed = broker.OnCandle(Btc, Bar(0, 100m, 101m, 99.5m, 100m));
        var crossed = broker.OnCandle(Btc, Bar(1, 100m, 100m, 98m, 99m));

        Assert.That(notCrossed.Fills, Is.Empty);
        var fill = crossed.Fills.Single();
        Assert.That(fill.Price, Is.EqualTo(99m));
        Assert.That(fill.Fee, Is.EqualTo(0.099m));
        Assert.That(fill.SlippageCost, Is.EqualTo(0m));
        Assert.That(fill.Reason, Is.EqualTo(FillReasons.Limit));
        Assert.That(broker.Cash, Is.EqualTo(10_000m - 99m - 0.099m));
    }

    [Test]
    public void Limit_buy_opening_below_the_limit_fills_at_the_better_open()
    {
        var broker = new PaperBroker();
        broker.Submit(Limit("l1", OrderSide.Buy, 1m, 99m, T0));

        var outcome = broker.OnCandle(Btc, Bar(0, 97m, 98m, 96m, 97m));

        Assert.That(outcome.Fills.Single().Price, Is.EqualTo(97m));
    }

    [Test]
    public void Limit_sell_fills_when_the_high_crosses_it_at_the_higher_of_open_and_limit()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 2m, T0));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        broker.Submit(Limit("l1", OrderSide.Sell, 1m, 105m, T0.AddHours(1)));
        broker.Submit(Limit("l2", OrderSide.Sell, 1m, 104m, T0.AddHours(1)));

        var notCrossed = broker.OnCandle(Btc, Bar(1, 100m, 103.9m, 99m, 100m));
        var crossed = broker.OnCandle(Btc, Bar(2, 104.5m, 106m, 104m, 105m));

        Assert.That(notCrossed.Fills, Is.Empty);
        Assert.That(crossed.Fills.Select(fill => fill.Price), Is.EqualTo(new[] { 105m, 104.5m }));
        Assert.That(broker.Positions, Is.Empty);
    }

    [Test]
    public void Stop_loss_hit_exits_at_the_stop_less_slippage()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m, takeProfit: 110m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));

        var outcome = broker.OnCandle(Btc, Bar(1, 100m, 101m, 94m, 95m));

        var exit = outcome.Fills.Single();
        // 1 * 95 / (1000 * 95) = 0.1% of volume -> 6 bps below the stop.
        Assert.That(exit.Price, Is.EqualTo(94.943m));
        Assert.That(exit.SlippageCost, Is.EqualTo(0.057m));
        Assert.That(exit.Side, Is.EqualTo(OrderSide.Sell));
        Assert.That(exit.Reason, Is.EqualTo(FillReasons.StopLoss));
        Assert.That(exit.OrderId, Is.EqualTo("o1"));
        var trade = outcome.ClosedTrades.Single();
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(94.943m - 100.06m - 0.10006m - 0.094943m));
        Assert.That(broker.Cash, Is.EqualTo(10_000m + trade.ProfitAndLoss));
        Assert.That(broker.Positions, Is.Empty);
    }

    [Test]
    public void Stop_loss_trade_reports_loss_after_both_fees_percent_and_hold_time()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m, takeProfit: 110m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        broker.OnCandle(Btc, Bar(1, 99m, 100m, 96m, 97m));

        var outcome = broker.OnCandle(Btc, Bar(2, 97m, 98m, 94m, 96m));

        var trade = outcome.ClosedTrades.Single();
        Assert.That(trade.ExitPrice, Is.EqualTo(95m));
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(-5.195m));
        Assert.That(trade.ProfitAndLossPercent, Is.EqualTo(-5.195m));
        Assert.That(trade.HoldTime, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(trade.ExitReason, Is.EqualTo(FillReasons.StopLoss));
        Assert.That(broker.Cash, Is.EqualTo(9994.805m));
    }

    [Test]
    public void Take_profit_hit_exits_at_the_target_without_slippage()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m, takeProfit: 110m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));

        var outcome = broker.OnCandle(Btc, Bar(1, 100m, 111m, 99m, 108m));

        var exit = outcome.Fills.Single();
        Assert.That(exit.Price, Is.EqualTo(110m));
        Assert.That(exit.Fee, Is.EqualTo(0.11m));
        Assert.That(exit.Reason, Is.EqualTo(FillReasons.TakeProfit));
        Assert.That(outcome.ClosedTrades.Single().ProfitAndLoss, Is.EqualTo(110m - 100.06m - 0.10006m - 0.11m));
    }

    [Test]
    public void Stop_loss_and_take_profit_in_one_candle_assume_the_stop_and_say_so()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m, takeProfit: 110m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));

        var outcome = broker.OnCandle(Btc, Bar(1, 100m, 111m, 94m, 100m));

        var exit = outcome.Fills.Single();
        Assert.That(exit.Price, Is.EqualTo(95m));
        Assert.That(exit.Reason, Is.EqualTo(FillReasons.StopLossAssumedBothHit));
        Assert.That(exit.Reason, Does.Contain("stop_loss").And.Contain("both"));
        Assert.That(outcome.ClosedTrades.Single().ProfitAndLoss, Is.EqualTo(-5.195m));
    }

    [Test]
    public void Gap_below_the_stop_fills_at_the_open_worse_than_the_stop()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));

        var outcome = broker.OnCandle(Btc, Bar(1, 90m, 92m, 88m, 91m));

        var exit = outcome.Fills.Single();
        Assert.That(exit.Price, Is.EqualTo(90m));
        Assert.That(exit.Reason, Is.EqualTo(FillReasons.StopLossGap));
        Assert.That(outcome.ClosedTrades.Single().ProfitAndLoss, Is.EqualTo(-10.19m));
    }

    [Test]
    public void Stop_loss_is_checked_in_the_candle_whose_open_filled_the_entry()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0, stopLoss: 95m));

        var outcome = broker.OnCandle(Btc, Bar(0, 100m, 101m, 94m, 96m));

        Assert.That(outcome.Fills.Select(fill => fill.Reason), Is.EqualTo(new[] { FillReasons.Market, FillReasons.StopLoss }));
        Assert.That(outcome.ClosedTrades.Single().HoldTime, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Close_position_sells_everything_at_the_next_open_and_the_trade_carries_the_given_reason()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0));
        broker.Submit(Market("o2", OrderSide.Buy, 1m, T0));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));

        var result = broker.ClosePosition(Btc, T0.AddHours(1), "signal_reversal");
        var outcome = broker.OnCandle(Btc, Bar(1, 105m, 106m, 104m, 105m));

        Assert.That(result.Accepted, Is.True);
        var trade = outcome.ClosedTrades.Single();
        Assert.That(trade.Quantity, Is.EqualTo(2m));
        Assert.That(trade.ExitPrice, Is.EqualTo(105m));
        Assert.That(trade.ExitReason, Is.EqualTo("signal_reversal"));
        Assert.That(trade.OpeningOrderIds, Is.EqualTo(new[] { "o1", "o2" }));
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(10m - 0.2m - 0.21m));
        Assert.That(broker.Cash, Is.EqualTo(10_009.59m));
    }

    [Test]
    public void Partial_sell_charges_its_share_of_the_entry_fee()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 4m, T0));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        broker.Submit(Market("o2", OrderSide.Sell, 1m, T0.AddHours(1)));

        var outcome = broker.OnCandle(Btc, Bar(1, 110m, 111m, 109m, 110m));

        Assert.That(outcome.ClosedTrades.Single().ProfitAndLoss, Is.EqualTo(10m - 0.1m - 0.11m));
        var position = broker.PositionFor(Btc)!;
        Assert.That(position.Quantity, Is.EqualTo(3m));
        Assert.That(position.EntryFees, Is.EqualTo(0.3m));
    }

    [Test]
    public void Short_is_collateralised_and_covering_returns_collateral_plus_profit_less_fees()
    {
        var broker = new PaperBroker(NoSlippage with { AllowShorts = true });
        broker.Submit(Market("s1", OrderSide.Sell, 1m, T0, stopLoss: 110m));
        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        Assert.That(broker.Cash, Is.EqualTo(9899.9m));
        Assert.That(broker.EquityAt(Btc, 90m), Is.EqualTo(9899.9m + 110m));

        broker.ClosePosition(Btc, T0.AddHours(1), "target");
        var outcome = broker.OnCandle(Btc, Bar(1, 90m, 91m, 89m, 90m));

        var trade = outcome.ClosedTrades.Single();
        Assert.That(trade.Side, Is.EqualTo(PositionSide.Short));
        Assert.That(trade.ProfitAndLoss, Is.EqualTo(9.81m));
        Assert.That(broker.Cash, Is.EqualTo(10_009.81m));
    }

    [Test]
    public void Candle_not_after_the_last_one_for_the_symbol_is_rejected()
    {
        var broker = new PaperBroker();
        broker.OnCandle(Btc, Bar(1, 100m, 101m, 99m, 100m));

        var same = Assert.Throws<ArgumentException>(() => broker.OnCandle(Btc, Bar(1, 100m, 101m, 99m, 100m)));
        var earlier = Assert.Throws<ArgumentException>(() => broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m)));

        Assert.That(same!.Message, Does.Contain("OpenTime").And.Contain("strictly increasing"));
        Assert.That(earlier!.Message, Does.Contain("OpenTime"));
        Assert.That(() => broker.OnCandle(MarketSymbol.Parse("ETH/USDT"), Bar(1, 10m, 11m, 9m, 10m)), Throws.Nothing);
    }

    [Test]
    public void Same_candle_twice_cannot_fill_an_order_twice()
    {
        var broker = new PaperBroker();
        broker.Submit(Market("o1", OrderSide.Buy, 1m, T0));
        var candle = Bar(0, 100m, 101m, 99m, 100m);
        broker.OnCandle(Btc, candle);

        Assert.Throws<ArgumentException>(() => broker.OnCandle(Btc, candle));
        Assert.That(broker.Fills.Select(fill => fill.FillId), Is.EqualTo(new[] { 1L }));
    }

    [Test]
    public void Equity_peak_equity_and_drawdown_follow_the_closes()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.Submit(Market("o1", OrderSide.Buy, 10m, T0));

        broker.OnCandle(Btc, Bar(0, 100m, 101m, 99m, 100m));
        Assert.That(broker.Equity, Is.EqualTo(9999m));
        Assert.That(broker.PeakEquity, Is.EqualTo(10_000m));
        Assert.That(broker.Drawdown, Is.EqualTo(0.0001m));

        broker.OnCandle(Btc, Bar(1, 100m, 121m, 99m, 120m));
        Assert.That(broker.Equity, Is.EqualTo(10_199m));
        Assert.That(broker.PeakEquity, Is.EqualTo(10_199m));
        Assert.That(broker.Drawdown, Is.Zero);

        broker.OnCandle(Btc, Bar(2, 120m, 121m, 89m, 90m));
        Assert.That(broker.Equity, Is.EqualTo(9899m));
        Assert.That(broker.PeakEquity, Is.EqualTo(10_199m));
        Assert.That(broker.Drawdown, Is.EqualTo(300m / 10_199m));
        Assert.That(broker.EquityAt(Btc, 95m), Is.EqualTo(9949m));
    }

    [Test]
    public void Cancelled_order_never_fills()
    {
        var broker = new PaperBroker();
        broker.Submit(Limit("l1", OrderSide.Buy, 1m, 99m, T0));

        Assert.That(broker.Cancel("l1"), Is.True);
        Assert.That(broker.Cancel("l1"), Is.False);
        Assert.That(broker.OnCandle(Btc, Bar(0, 100m, 100m, 90m, 95m)).Fills, Is.Empty);
    }
}
