using System.Text.Json;
using CryptoFunk.Plugins;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

public sealed class IndicatorsPluginTests
{
    private static readonly string[] Names =
    [
        "symbol", "timeframe", "candleCloseTime", "close",
        "rsi14", "macd", "macdSignal", "macdHistogram",
        "bollingerUpper", "bollingerMiddle", "bollingerLower", "bollingerPercentB", "bollingerWidth",
        "ema20", "ema50", "ema200", "sma20", "atr14", "adx14", "plusDi14", "minusDi14", "stochasticK", "stochasticD", "obv",
    ];

    [Test]
    public void GetSnapshot_is_named_and_describes_every_indicator_it_returns()
    {
        var function = new IndicatorsPlugin(Hours(5), ClockAt(T0)).AsAIFunctions().Single();

        Assert.That(function.Name, Is.EqualTo("Indicators_GetSnapshot"));
        Assert.That(function.Description, Does.Contain("RSI(14)").And.Contain("MACD(12,26,9)").And.Contain("Bollinger(20,2)").And.Contain("EMA 20/50/200")
            .And.Contain("ADX(14)").And.Contain("ATR(14)").And.Contain("Stochastic(14,3,3)").And.Contain("OBV").And.Contain("null"));
        Assert.That(function.Parameters(), Is.EqualTo((new[] { "symbol" }, Array.Empty<string>())));
    }

    [Test]
    public async Task GetSnapshot_returns_every_indicator_at_the_last_closed_candle_with_its_close_time()
    {
        var history = Hours(300, i => 100m + (i % 11) + (i / 10m));
        var time = T0.AddHours(250);
        var expected = history.SnapshotAt(time).Indicators;

        var result = await new IndicatorsPlugin(history, ClockAt(time)).AsAIFunctions().CallAsync("Indicators_GetSnapshot");

        Assert.That(result.EnumerateObject().Select(p => p.Name), Is.EqualTo(Names));
        Assert.That(result.GetProperty("symbol").GetString(), Is.EqualTo("BTC/USDT"));
        Assert.That(result.GetProperty("timeframe").GetString(), Is.EqualTo("1h"));
        Assert.That(result.GetProperty("candleCloseTime").GetString(), Is.EqualTo("2024-01-11T10:00:00Z"));
        Assert.That(result.GetProperty("close").GetDecimal(), Is.EqualTo(history.Candles[249].Close));
        var pairs = new (string Name, double Value)[]
        {
            ("rsi14", expected.Rsi14), ("macd", expected.Macd), ("macdSignal", expected.MacdSignal), ("macdHistogram", expected.MacdHistogram),
            ("bollingerUpper", expected.BollingerUpper), ("bollingerMiddle", expected.BollingerMiddle), ("bollingerLower", expected.BollingerLower),
            ("bollingerPercentB", expected.BollingerPercentB), ("bollingerWidth", expected.BollingerWidth),
            ("ema20", expected.Ema20), ("ema50", expected.Ema50), ("ema200", expected.Ema200), ("sma20", expected.Sma20),
            ("atr14", expected.Atr14), ("adx14", expected.Adx14), ("plusDi14", expected.PlusDi14), ("minusDi14", expected.MinusDi14),
            ("stochasticK", expected.StochasticK), ("stochasticD", expected.StochasticD), ("obv", expected.Obv),
        };
        foreach (var (name, value) in pairs)
        {
            Assert.That(double.IsFinite(value), Is.True, $"{name} is warmed up after 250 candles");
            Assert.That(result.GetProperty(name).GetDouble(), Is.EqualTo(value).Within(Math.Abs(value) * 1e-5 + 1e-9), name);
        }
    }

    [Test]
    public async Task Warm_up_values_are_null_not_omitted()
    {
        var result = await new IndicatorsPlugin(Hours(30), ClockAt(T0.AddHours(30))).AsAIFunctions().CallAsync("Indicators_GetSnapshot");

        Assert.That(result.GetProperty("ema200").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(result.GetProperty("ema50").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(result.GetProperty("rsi14").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(result.GetProperty("obv").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public async Task Before_any_closed_candle_or_for_another_symbol_it_answers_with_the_reason()
    {
        var functions = new IndicatorsPlugin(Hours(30), ClockAt(T0)).AsAIFunctions();

        var early = await functions.CallAsync("Indicators_GetSnapshot");
        var other = await functions.CallAsync("Indicators_GetSnapshot", ("symbol", "ETH/BTC"));

        Assert.That(early.GetProperty("error").GetString(), Is.EqualTo("no BTC/USDT 1h candle had closed by 2024-01-01T00:00:00Z"));
        Assert.That(other.GetProperty("error").GetString(), Is.EqualTo("only BTC/USDT is available, not ETH/BTC"));
    }
}
