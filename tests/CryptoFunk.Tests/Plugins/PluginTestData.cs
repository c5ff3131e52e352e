using System.Text.Json;
using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Plugins;

/// <summary>Hourly BTC/USDT candles and a way to call plugin functions as the function loop does.</summary>
internal static class PluginTestData
{
    public static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="count"/> hourly candles from <see cref="T0"/>; candle i closes at <paramref name="close"/>(i), default 100 + i % 7.</summary>
    public static MarketHistory Hours(int count, Func<int, decimal>? close = null) =>
        new(Btc, Timeframe.OneHour, [.. Enumerable.Range(0, count).Select(i => Bar(i, close?.Invoke(i) ?? 100m + (i % 7)))]);

    /// <summary>A candle at hour <paramref name="hour"/> opening and closing at <paramref name="price"/>, range ±1.</summary>
    public static Candle Bar(int hour, decimal price, decimal volume = 10m) =>
        new(T0.AddHours(hour), price, price + 1m, price - 1m, price, volume);

    public static DecisionClock ClockAt(DateTimeOffset time)
    {
        var clock = new DecisionClock();
        clock.Set(time);
        return clock;
    }

    /// <summary>The functions agents get from <paramref name="plugin"/>, built as <see cref="TradingPlugins"/> builds them.</summary>
    public static IReadOnlyList<AIFunction> AsAIFunctions(this object plugin) => PluginFunctions.CreatePlugin(plugin).ToAIFunctions();

    public static AIFunction Named(this IReadOnlyList<AIFunction> functions, string name) => functions.Single(f => f.Name == name);

    /// <summary>Invokes <paramref name="name"/> with <paramref name="arguments"/> and returns its JSON result.</summary>
    public static async Task<JsonElement> CallAsync(this IReadOnlyList<AIFunction> functions, string name, params (string Name, object? Value)[] arguments)
    {
        var args = new AIFunctionArguments();
        foreach (var (key, value) in arguments)
        {
            args[key] = value;
        }

        var result = await functions.Named(name).InvokeAsync(args);
        Assert.That(result, Is.InstanceOf<JsonElement>(), $"{name} returns JSON");
        return (JsonElement)result!;
    }

    /// <summary>The parameter names of a function's JSON schema and those it requires.</summary>
    public static (string[] All, string[] Required) Parameters(this AIFunction function)
    {
        var schema = function.JsonSchema;
        var all = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return (all, required);
    }

    public static string ParameterDescription(this AIFunction function, string parameter) =>
        function.JsonSchema.GetProperty("properties").GetProperty(parameter).GetProperty("description").GetString()!;
}
