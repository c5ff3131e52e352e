using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

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

    private AgentAnswer? Ask(string agent, MarketSnapshot snapshot, PositionSide? position = null) =>
        _rules.RuleFor(agent)?.Answer(new DecisionSituation(snapshot, position));

    [TestCase(25, 85, "BUY", "below the lower Bollinger band")]
    [TestCase(75, 115, "SELL", "above the upper Bollinger band")]
    [TestCase(25, 95, "BUY", "RSI oversold")]
    [TestCase(50, 100, "HOLD", "no rule triggered")]
    public void Technical_follows_rsi_and_the_bands(double rsi, double close, string signal, string reason)
    {
        var answer = (AnalysisSignal)Ask("technical_analysis", Snapshot((decimal)close, Indicators(rsi)))!;

        Assert.That(answer.Signal.ToWire(), Is.EqualTo(signal));
        Assert.That(answer.Confidence, Is.EqualTo(0.3));
        Assert.That(answer.Reasoning, Does.Contain(reason));
    }

    [Test]
    public void Technical_buys_a_confirmed_uptrend()
    {
        var answer = (AnalysisSignal)Ask("technical_analysis", Snapshot(100, Indicators(adx: 30, ema50: 105, ema200: 100, hist: 1)))!;
        Assert.That(answer.Signal, Is.EqualTo(TradeAction.Buy));
    }

    [Test]
    public void Trend_following_enters_with_a_stop_at_most_five_percent_away_and_closes_on_a_death_cross()
    {
        var entry = (StrategyProposal)Ask("trend_following", Snapshot(100, Indicators(adx: 30, ema50: 105, ema200: 100)))!;
        Assert.That(entry.Action, Is.EqualTo(TradeAction.Buy));
        var stop = entry.StopLoss!.Value;
        Assert.That(stop, Is.LessThan(100m).And.GreaterThanOrEqualTo(95m));
        Assert.That(entry.TakeProfit, Is.EqualTo(100m + (2 * (100m - stop))));

        var exit = (StrategyProposal)Ask("trend_following", Snapshot(100, Indicators(adx: 30, ema50: 95, ema200: 100)), PositionSide.Long)!;
        Assert.That(exit.Action, Is.EqualTo(TradeAction.Close));
    }

    [Test]
    public void Mean_reversion_buys_the_lower_band_only_in_a_ranging_market()
    {
        var ranging = (StrategyProposal)Ask("mean_reversion", Snapshot(85, Indicators(rsi: 25, adx: 15)))!;
        var trending = (StrategyProposal)Ask("mean_reversion", Snapshot(85, Indicators(rsi: 25, adx: 35)))!;

        Assert.That(ranging.Action, Is.EqualTo(TradeAction.Buy));
        Assert.That(ranging.TakeProfit, Is.LessThanOrEqualTo(85m * 1.03m));
        Assert.That(trending.Action, Is.EqualTo(TradeAction.Hold));
    }

    [Test]
    public void Order_book_rules_need_an_order_book()
    {
        Assert.That(Ask("order_book", Snapshot(100, Indicators())), Is.Null, "no data is no answer, never a made-up one");

        var book = new OrderBook(Btc, [new OrderBookLevel(99.9m, 30m)], [new OrderBookLevel(100.1m, 5m)], 1, T0);
        var answer = (AnalysisSignal)Ask("order_book", Snapshot(100, Indicators(), book))!;
        Assert.That(answer.Signal, Is.EqualTo(TradeAction.Buy));
    }

    [Test]
    public void No_answer_during_indicator_warm_up_or_for_an_unknown_agent()
    {
        Assert.That(Ask("technical_analysis", Snapshot(100, Indicators(rsi: double.NaN))), Is.Null);
        Assert.That(Ask("fortune_teller", Snapshot(100, Indicators())), Is.Null);
    }

    [Test]
    public async Task A_rules_agent_hands_on_its_typed_answer_and_readers_take_it_as_it_is()
    {
        var agent = new RulesAgent { Name = "technical_analysis", Rule = _rules.RuleFor("technical_analysis") };
        var responses = new List<AgentResponse>();
        await foreach (var response in agent.InvokeAsync([], DecisionInputs.ForRules(new DecisionSituation(Snapshot(85, Indicators(25))))))
        {
            responses.Add(response);
        }

        var answer = responses.Single();
        Assert.Multiple(() =>
        {
            Assert.That(AnalysisSignal.From(answer), Is.SameAs(answer.Answer));
            Assert.That(answer.Message.Text, Is.EqualTo(answer.Output!.Value.GetRawText()));
            Assert.That(answer.Message.Text, Does.StartWith("""{"signal":"BUY","confidence":0.3,"reasoning":"Rules engine: RSI oversold and price below the lower Bollinger band."""));
        });
    }
}
