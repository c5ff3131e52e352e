using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

public sealed class MarketDataPluginTests
{
    private static readonly Func<int, decimal> Rising = i => 100m + i;

    [Test]
    public void Functions_are_named_plugin_underscore_function_and_describe_their_parameters()
    {
        var functions = new MarketDataPlugin(Hours(5), ClockAt(T0)).AsAIFunctions();

        Assert.That(functions.Select(f => f.Name), Is.EqualTo(new[] { "MarketData_GetCandles", "MarketData_GetTicker", "MarketData_GetOrderBook" }));
        Assert.That(functions.Select(f => f.Description), Has.All.Contain("the market being traded"), "SK descriptions are attribute constants: the market is in the prompt and in every result");
        Assert.That(functions.Named("MarketData_GetCandles").Parameters(), Is.EqualTo((new[] { "count", "symbol" }, Array.Empty<string>())));
        Assert.That(functions.Named("MarketData_GetCandles").ParameterDescription("count"), Does.Contain("1 to 500"));
        Assert.That(functions.Named("MarketData_GetCandles").JsonSchema.GetProperty("properties").GetProperty("count").GetProperty("default").GetInt32(), Is.EqualTo(24));
        Assert.That(functions.Named("MarketData_GetTicker").Parameters(), Is.EqualTo((new[] { "symbol" }, Array.Empty<string>())));
        Assert.That(functions.Named("MarketData_GetOrderBook").Parameters(), Is.EqualTo((new[] { "depth", "symbol" }, Array.Empty<string>())));
        Assert.That(functions.Named("MarketData_GetOrderBook").ParameterDescription("symbol"), Does.Contain("BASE/QUOTE"));
    }

    [Test]
    public async Task GetCandles_returns_the_latest_closed_candles_as_compact_rows()
    {
        var functions = new MarketDataPlugin(Hours(48), ClockAt(T0.AddHours(30))).AsAIFunctions();

        var result = await functions.CallAsync("MarketData_GetCandles", ("count", 3));

        Assert.That(result.GetRawText(), Is.EqualTo(
            """{"symbol":"BTC/USDT","timeframe":"1h","decisionTime":"2024-01-02T06:00:00Z","columns":["openTime","open","high","low","close","volume"],"candles":[["2024-01-02T03:00:00Z",106,107,105,106,10],["2024-01-02T04:00:00Z",100,101,99,100,10],["2024-01-02T05:00:00Z",101,102,100,101,10]]}"""));
    }

    [Test]
    public async Task GetCandles_defaults_to_24_and_clamps_the_count_to_1_to_500()
    {
        var functions = new MarketDataPlugin(Hours(700), ClockAt(T0.AddHours(650))).AsAIFunctions();

        var byDefault = await functions.CallAsync("MarketData_GetCandles");
        var tooFew = await functions.CallAsync("MarketData_GetCandles", ("count", 0));
        var tooMany = await functions.CallAsync("MarketData_GetCandles", ("count", 100_000));
        var asText = await functions.CallAsync("MarketData_GetCandles", ("count", "5"));

        Assert.That(byDefault.GetProperty("candles").GetArrayLength(), Is.EqualTo(24));
        Assert.That(tooFew.GetProperty("candles").GetArrayLength(), Is.EqualTo(1));
        Assert.That(tooMany.GetProperty("candles").GetArrayLength(), Is.EqualTo(500));
        Assert.That(asText.GetProperty("candles").GetArrayLength(), Is.EqualTo(5), "models sometimes send numbers as strings");
        Assert.That(tooMany.GetProperty("candles")[499][0].GetString(), Is.EqualTo(UtcTimestamp.Format(T0.AddHours(649))));
    }

    [Test]
    public async Task Prices_are_written_without_trailing_zeros()
    {
        var candle = new Candle(T0, 42000.10000000m, 42100.00000000m, 41900.50000000m, 42050.00000000m, 12.34500000m);
        var functions = new MarketDataPlugin(new MarketHistory(Btc, Timeframe.OneHour, [candle]), ClockAt(T0.AddHours(1))).AsAIFunctions();

        var result = await functions.CallAsync("MarketData_GetCandles");

        Assert.That(result.GetProperty("candles")[0].GetRawText(), Is.EqualTo("""["2024-01-01T00:00:00Z",42000.1,42100,41900.5,42050,12.345]"""));
    }

    [Test]
    public async Task GetTicker_summarises_the_closed_candles_of_the_24_hours_before_the_decision()
    {
        var functions = new MarketDataPlugin(Hours(48, Rising), ClockAt(T0.AddHours(30))).AsAIFunctions();

        var result = await functions.CallAsync("MarketData_GetTicker");

        // Candles 06:00..05:00 next day (i = 6..29): open 106, last close 129, high 130, low 105, volume 24 x 10,
        // quote volume 10 x typical price (100 + i) summed = 28200.
        Assert.That(result.GetRawText(), Is.EqualTo(
            """{"symbol":"BTC/USDT","time":"2024-01-02T06:00:00Z","lastPrice":129,"changePercent24h":21.7,"high24h":130,"low24h":105,"volume24h":240,"quoteVolume24h":28200,"windowStart":"2024-01-01T06:00:00Z"}"""));
    }

    [Test]
    public async Task Before_any_candle_has_closed_candles_are_empty_and_the_ticker_says_why()
    {
        var clock = ClockAt(T0.AddMinutes(59));
        var functions = new MarketDataPlugin(Hours(5), clock).AsAIFunctions();

        var candles = await functions.CallAsync("MarketData_GetCandles");
        var ticker = await functions.CallAsync("MarketData_GetTicker");

        Assert.That(candles.GetProperty("candles").GetArrayLength(), Is.Zero);
        Assert.That(ticker.GetProperty("error").GetString(), Is.EqualTo("no BTC/USDT 1h candle had closed by 2024-01-01T00:59:00Z"));
    }

    [TestCase("MarketData_GetCandles")]
    [TestCase("MarketData_GetTicker")]
    [TestCase("MarketData_GetOrderBook")]
    public async Task Another_symbol_is_refused_naming_the_one_supported(string name)
    {
        var functions = new MarketDataPlugin(Hours(5), ClockAt(T0.AddHours(5)), _ => Book(T0.AddHours(4), 100m)).AsAIFunctions();

        var other = await functions.CallAsync(name, ("symbol", "ETH/USDT"));
        var exchangeSpelling = await functions.CallAsync(name, ("symbol", "BTCUSDT"));
        var sameInLowerCase = await functions.CallAsync(name, ("symbol", "btc/usdt"));

        Assert.That(other.GetRawText(), Is.EqualTo("""{"error":"only BTC/USDT is available, not ETH/USDT"}"""));
        Assert.That(exchangeSpelling.GetProperty("error").GetString(), Does.Contain("BASE/QUOTE").And.EndsWith("only BTC/USDT is available"));
        Assert.That(sameInLowerCase.TryGetProperty("error", out _), Is.False);
    }

    [Test]
    public async Task GetOrderBook_returns_the_latest_book_recorded_at_or_before_the_decision()
    {
        OrderBook[] books =
        [
            Book(T0.AddHours(29), bid: 128m),
            new(Btc, [new(129.9m, 2m), new(129.8m, 3m), new(129.7m, 5m)], [new(130.1m, 1m), new(130.2m, 1.5m)], 2, T0.AddHours(29).AddMinutes(50)),
            Book(T0.AddHours(30).AddSeconds(1), bid: 999_999m),
        ];
        var functions = new MarketDataPlugin(Hours(48, Rising), ClockAt(T0.AddHours(30)), time => books.LastOrDefault(b => b.Time <= time)).AsAIFunctions();

        var result = await functions.CallAsync("MarketData_GetOrderBook", ("depth", 2));

        Assert.That(result.GetRawText(), Is.EqualTo(
            """{"symbol":"BTC/USDT","time":"2024-01-02T05:50:00Z","bestBid":129.9,"bestAsk":130.1,"spreadBasisPoints":15.38,"bidQuantity":5,"askQuantity":2.5,"imbalance":0.3333,"bids":[[129.9,2],[129.8,3]],"asks":[[130.1,1],[130.2,1.5]]}"""));
    }

    [Test]
    public async Task GetOrderBook_is_not_available_without_a_recorded_book()
    {
        var clock = ClockAt(T0.AddHours(5));
        var withoutSource = new MarketDataPlugin(Hours(10), clock).AsAIFunctions();
        var nothingRecorded = new MarketDataPlugin(Hours(10), clock, _ => null).AsAIFunctions();

        foreach (var functions in new[] { withoutSource, nothingRecorded })
        {
            var result = await functions.CallAsync("MarketData_GetOrderBook");
            Assert.That(result.GetProperty("error").GetString(), Does.StartWith("order book not available: none of BTC/USDT was recorded at or before 2024-01-01T05:00:00Z"));
        }
    }

    [Test]
    public async Task Every_call_reads_the_clock_so_one_plugin_serves_a_whole_run()
    {
        var clock = ClockAt(T0.AddHours(10));
        var functions = new MarketDataPlugin(Hours(48, Rising), clock).AsAIFunctions();

        var first = await functions.CallAsync("MarketData_GetTicker");
        clock.Set(T0.AddHours(20));
        var second = await functions.CallAsync("MarketData_GetTicker");

        Assert.That(first.GetProperty("lastPrice").GetDecimal(), Is.EqualTo(109m));
        Assert.That(second.GetProperty("lastPrice").GetDecimal(), Is.EqualTo(119m));
    }

    [Test]
    public void An_unset_clock_fails_instead_of_answering_for_no_time()
    {
        var functions = new MarketDataPlugin(Hours(5), new DecisionClock()).AsAIFunctions();

        Assert.ThrowsAsync<InvalidOperationException>(() => functions.CallAsync("MarketData_GetCandles"));
    }

    internal static OrderBook Book(DateTimeOffset time, decimal bid) =>
        new(Btc, [new(bid, 1m)], [new(bid + 1m, 1m)], 1, time);
}
