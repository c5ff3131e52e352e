using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Agents;

public sealed class TradingRulesEngineTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private readonly TradingRulesEngine _rules = new();

    private static IndicatorValues Indicators(double rsi = 50, double upper = 110, double lower = 90, double adx = 20, double ema50 = 100, double ema200 = 100, double hist = 0) =>
        new(100, ema50, ema200, 100, rsi, hist, 0, hist, upper, 100, lower, 0.5, 0.2, 2, adx, 20, 20, 50, 50, 0);

    private static MarketSnapshot Snapshot(decimal close, IndicatorValues indicators, OrderBook? book = null)
    {
        var candles = Enumerable.Range(0, 24).Select(i => new Candle(T0.AddHours(i), 100, 101, 99, i == 23 ? close : 100, 5)).ToList();
        return new MarketSnapshot(Btc, Timeframe.OneHour, T0.AddHours(24), candles, indicators, indicators, book);
    }

    private RulesAnswer? Ask(string agent, MarketSnapshot snapshot, string position = "flat") =>
        _rules.Answer(agent, DecisionInputs.For(snapshot, position).Arguments);

    [TestCase(25, 85, "BUY", "below the lower Bollinger band")]
    [TestCase(75, 115, "SELL", "above the upper Bollinger band")]
    [TestCase(25, 95, "BUY", "RSI oversold")]
    [TestCase(50, 100, "HOLD", "no rule triggered")]
    public void Technical_follows_rsi_and_the_bands(double rsi, double close, string signal, string reason)
    {
        var answer = Ask("technical_analysis", Snapshot((decimal)close, Indicators(rsi)))!;

        Assert.That(answer.Output.GetProperty("signal").GetString(), Is.EqualTo(signal));
        Assert.That(answer.Output.GetProperty("confidence").GetDouble(), Is.EqualTo(0.3));
        Assert.That(answer.Reasoning, Does.Contain(reason));
    }

    [Test]
    public void Technical_buys_a_confirmed_uptrend()
    {
        var answer = Ask("technical_analysis", Snapshot(100, Indicators(adx: 30, ema50: 105, ema200: 100, hist: 1)))!;
        Assert.That(answer.Output.GetProperty("signal").GetString(), Is.EqualTo("BUY"));
    }

    [Test]
    public void Trend_following_enters_with_a_stop_at_most_five_percent_away_and_closes_on_a_death_cross()
    {
        var entry = Ask("trend_following", Snapshot(100, Indicators(adx: 30, ema50: 105, ema200: 100)))!.Output;
        Assert.That(entry.GetProperty("action").GetString(), Is.EqualTo("BUY"));
        var stop = entry.GetProperty("stop_loss").GetDecimal();
        Assert.That(stop, Is.LessThan(100m).And.GreaterThanOrEqualTo(95m));
        Assert.That(entry.GetProperty("take_profit").GetDecimal(), Is.EqualTo(100m + (2 * (100m - stop))));

        var exit = Ask("trend_following", Snapshot(100, Indicators(adx: 30, ema50: 95, ema200: 100)), position: "long")!.Output;
        Assert.That(exit.GetProperty("action").GetString(), Is.EqualTo("CLOSE"));
    }

    [Test]
    public void Mean_reversion_buys_the_lower_band_only_in_a_ranging_market()
    {
        var ranging = Ask("mean_reversion", Snapshot(85, Indicators(rsi: 25, adx: 15)))!.Output;
        var trending = Ask("mean_reversion", Snapshot(85, Indicators(rsi: 25, adx: 35)))!.Output;

        Assert.That(ranging.GetProperty("action").GetString(), Is.EqualTo("BUY"));
        Assert.That(ranging.GetProperty("take_profit").GetDecimal(), Is.LessThanOrEqualTo(85m * 1.03m));
        Assert.That(trending.GetProperty("action").GetString(), Is.EqualTo("HOLD"));
    }

    [Test]
    public void Order_book_rules_need_an_order_book()
    {
        Assert.That(Ask("order_book", Snapshot(100, Indicators())), Is.Null, "no data is no answer, never a made-up one");

        var book = new OrderBook(Btc, [new OrderBookLevel(99.9m, 30m)], [new OrderBookLevel(100.1m, 5m)], 1, T0);
        var answer = Ask("order_book", Snapshot(100, Indicators(), book))!;
        Assert.That(answer.Output.GetProperty("signal").GetString(), Is.EqualTo("BUY"));
    }

    [Test]
    public void No_answer_during_indicator_warm_up_or_for_an_unknown_agent()
    {
        Assert.That(Ask("technical_analysis", Snapshot(100, Indicators(rsi: double.NaN))), Is.Null);
        Assert.That(Ask("fortune_teller", Snapshot(100, Indicators())), Is.Null);
    }
}
