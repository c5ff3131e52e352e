using System.Text.Json;
using CryptoFunk.Plugins;
using CryptoFunk.Tests.Agents;
using CryptoFunk.Trading;
using Microsoft.Extensions.AI;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

public sealed class TradingPluginsTests
{
    private static TradingPlugins Plugins(PaperBroker? broker = null) =>
        new(Hours(48), broker ?? new PaperBroker(), ClockAt(T0.AddHours(30)));

    [Test]
    public void ReadOnlyTools_are_market_data_indicators_and_portfolio_and_nothing_that_trades()
    {
        var plugins = Plugins();

        Assert.That(plugins.ReadOnlyTools.Select(f => f.Name), Is.EqualTo(new[]
        {
            "MarketData_GetCandles", "MarketData_GetTicker", "MarketData_GetOrderBook",
            "Indicators_GetSnapshot", "Portfolio_GetSummary", "Portfolio_GetPositions",
        }));
        Assert.That(plugins.ReadOnlyTools.Select(f => f.Name), Has.None.StartsWith("Orders_"));
        Assert.That(plugins.OrderTools.Select(f => f.Name), Is.EqualTo(new[] { "Orders_PlaceOrder", "Orders_CancelOrder" }));
        Assert.That(plugins.KernelPlugins.Select(p => p.Name), Is.EqualTo(new[] { "MarketData", "Indicators", "Portfolio", "Orders" }));
    }

    [Test]
    public void Every_function_and_its_parameters_are_described()
    {
        var plugins = Plugins();
        var all = plugins.ReadOnlyTools.Concat(plugins.OrderTools).ToList();

        Assert.That(all.Select(f => f.Name), Has.All.Match("^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$"));
        Assert.That(all.Select(f => f.Description), Has.All.Length.GreaterThan(40));
        foreach (var function in all)
        {
            foreach (var parameter in function.Parameters().All)
            {
                Assert.That(function.ParameterDescription(parameter), Is.Not.Empty, $"{function.Name}.{parameter}");
            }
        }
    }

    [Test]
    public async Task An_agent_given_ReadOnlyTools_reads_the_market_but_cannot_place_an_order()
    {
        var broker = new PaperBroker();
        var plugins = Plugins(broker);
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Calls(
                new FunctionCallContent("c1", "MarketData_GetTicker"),
                new FunctionCallContent("c2", "Orders_PlaceOrder", new Dictionary<string, object?> { ["side"] = "buy", ["quantity"] = 1, ["clientOrderId"] = "x" })),
            _ => ScriptedChatClient.Text("{\"signal\":\"HOLD\"}"));
        var loop = new FunctionInvokingChatClient(model);

        await loop.GetResponseAsync([new ChatMessage(ChatRole.User, "analyse")], new ChatOptions { Tools = [.. plugins.ReadOnlyTools] });

        var results = model.Requests[1].Last().Contents.OfType<FunctionResultContent>().ToList();
        Assert.That(((JsonElement)results[0].Result!).GetProperty("lastPrice").GetDecimal(), Is.EqualTo(101m));
        Assert.That(results[1].Result, Is.EqualTo("Error: Requested function \"Orders_PlaceOrder\" not found."));
        Assert.That(broker.OpenOrders, Is.Empty);
    }
}
