using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using CryptoFunk.Trading;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

/// <summary>No function may show anything that happened after the decision time: a planted absurd future must stay invisible.</summary>
public sealed class PointInTimeTests
{
    private const decimal Absurd = 999_999m;
    private const int PlantedHour = 250;

    /// <summary>Normal prices until hour 250, then the absurd price from the candle opening at 250:00 on.</summary>
    private static MarketHistory PlantedHistory() =>
        new(Btc, Timeframe.OneHour, [.. Enumerable.Range(0, 300).Select(i => i >= PlantedHour
            ? new Candle(T0.AddHours(i), Absurd, Absurd, Absurd, Absurd, 10m)
            : Bar(i, 100m + (i % 7)))]);

    private static OrderBook Book(DateTimeOffset time, decimal bid) => MarketDataPluginTests.Book(time, bid);

    [TestCase(0, Description = "the planted candle opens exactly at the decision time")]
    [TestCase(30, Description = "the planted candle opened 30 minutes before the decision and closes after it")]
    public async Task A_planted_future_reaches_no_function(int minutesIntoThePlantedCandle)
    {
        var decision = T0.AddHours(PlantedHour).AddMinutes(minutesIntoThePlantedCandle);
        var history = PlantedHistory();
        OrderBook[] books = [Book(decision.AddMinutes(-5), 105m), Book(decision.AddSeconds(1), Absurd)];
        var broker = new PaperBroker();
        broker.Submit(new OrderRequest("o1", Btc, OrderSide.Buy, OrderType.Market, 1m, null, null, null, T0.AddHours(200)));
        foreach (var candle in history.CandlesUntil(decision, 500))
        {
            broker.OnCandle(Btc, candle);
        }

        var plugins = new TradingPlugins(history, broker, ClockAt(decision), time => books.LastOrDefault(b => b.Time <= time));

        var outputs = new[]
        {
            await plugins.ReadOnlyTools.CallAsync("MarketData_GetCandles", ("count", 500)),
            await plugins.ReadOnlyTools.CallAsync("MarketData_GetTicker"),
            await plugins.ReadOnlyTools.CallAsync("MarketData_GetOrderBook", ("depth", 100)),
            await plugins.ReadOnlyTools.CallAsync("Indicators_GetSnapshot"),
            await plugins.ReadOnlyTools.CallAsync("Portfolio_GetSummary"),
            await plugins.ReadOnlyTools.CallAsync("Portfolio_GetPositions"),
        };

        Assert.That(outputs.Select(o => o.GetRawText()), Has.None.Contains("999999"));
        Assert.That(outputs[0].GetProperty("candles").EnumerateArray().Last()[0].GetString(), Is.EqualTo("2024-01-11T09:00:00Z"), "the last visible candle closed at 10:00");
        Assert.That(outputs[1].GetProperty("high24h").GetDecimal(), Is.LessThan(1_000m));
        Assert.That(outputs[2].GetProperty("bestBid").GetDecimal(), Is.EqualTo(105m), "the book recorded before the decision");
        var indicators = outputs[3];
        Assert.That(indicators.GetProperty("candleCloseTime").GetString(), Is.EqualTo("2024-01-11T10:00:00Z"));
        foreach (var name in new[] { "close", "ema20", "ema50", "ema200", "sma20", "bollingerUpper", "bollingerMiddle" })
        {
            Assert.That(indicators.GetProperty(name).GetDouble(), Is.LessThan(1_000), name);
        }

        Assert.That(indicators.GetProperty("atr14").GetDouble(), Is.LessThan(10));
        Assert.That(indicators.GetProperty("rsi14").GetDouble(), Is.LessThan(90));
        Assert.That(outputs[5].GetProperty("positions")[0].GetProperty("markPrice").GetDecimal(), Is.LessThan(1_000m));
    }

    [Test]
    public async Task A_book_time_stamped_after_the_decision_is_never_shown_even_when_the_source_offers_it()
    {
        var decision = T0.AddHours(PlantedHour);
        var leaky = new MarketDataPlugin(PlantedHistory(), ClockAt(decision), _ => Book(decision.AddMilliseconds(1), Absurd));

        var result = await leaky.AsAIFunctions().CallAsync("MarketData_GetOrderBook");

        Assert.That(result.GetRawText(), Does.Not.Contain("999999"));
        Assert.That(result.GetProperty("error").GetString(), Does.StartWith("order book not available"));
    }

    [Test]
    public async Task Once_the_planted_candle_has_closed_it_is_history()
    {
        var clock = ClockAt(T0.AddHours(PlantedHour));
        var functions = new MarketDataPlugin(PlantedHistory(), clock).AsAIFunctions();

        clock.Set(T0.AddHours(PlantedHour + 1));
        var candles = await functions.CallAsync("MarketData_GetCandles", ("count", 1));

        Assert.That(candles.GetRawText(), Does.Contain("999999"), "the check above would see a leak");
    }
}
