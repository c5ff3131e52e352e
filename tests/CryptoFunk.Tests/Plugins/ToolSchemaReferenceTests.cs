using System.Text.Json;
using CryptoFunk.Plugins;
using CryptoFunk.Trading;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

/// <summary>
/// The parameter schema of every function, as it reaches the wire: it is part of every cache key and recording, so
/// these texts (taken from the functions before they became Semantic Kernel functions) must never change.
/// </summary>
public sealed class ToolSchemaReferenceTests
{
    private static readonly TradingPlugins Plugins = new(Hours(48), new PaperBroker(), ClockAt(T0.AddHours(30)));

    [TestCase("MarketData_GetCandles", """{"type":"object","properties":{"count":{"description":"How many of the latest closed candles to return, 1 to 500.","type":"integer","default":24},"symbol":{"description":"Market as BASE/QUOTE; leave empty for the market being traded.","type":["string","null"],"default":null}}}""")]
    [TestCase("MarketData_GetTicker", """{"type":"object","properties":{"symbol":{"description":"Market as BASE/QUOTE; leave empty for the market being traded.","type":["string","null"],"default":null}}}""")]
    [TestCase("MarketData_GetOrderBook", """{"type":"object","properties":{"depth":{"description":"Price levels per side, 1 to 100.","type":"integer","default":20},"symbol":{"description":"Market as BASE/QUOTE; leave empty for the market being traded.","type":["string","null"],"default":null}}}""")]
    [TestCase("Indicators_GetSnapshot", """{"type":"object","properties":{"symbol":{"description":"Market as BASE/QUOTE; leave empty for the market being traded.","type":["string","null"],"default":null}}}""")]
    [TestCase("Portfolio_GetSummary", """{"type":"object","properties":{}}""")]
    [TestCase("Portfolio_GetPositions", """{"type":"object","properties":{}}""")]
    [TestCase("Orders_PlaceOrder", """{"type":"object","properties":{"side":{"description":"buy or sell.","type":"string"},"quantity":{"description":"Base-asset quantity, positive.","type":"number"},"clientOrderId":{"description":"Your unique id for this order; use it to cancel.","type":"string"},"type":{"description":"market or limit.","type":"string","default":"market"},"limitPrice":{"description":"Limit price; required for a limit order, empty for a market order.","type":["number","null"],"default":null},"stopLoss":{"description":"Stop-loss price for the position this order opens; below the entry for a buy.","type":["number","null"],"default":null},"takeProfit":{"description":"Take-profit price for the position this order opens; above the entry for a buy.","type":["number","null"],"default":null},"symbol":{"description":"Market as BASE/QUOTE; leave empty for the market being traded.","type":["string","null"],"default":null}},"required":["side","quantity","clientOrderId"]}""")]
    [TestCase("Orders_CancelOrder", """{"type":"object","properties":{"clientOrderId":{"description":"The clientOrderId the order was placed with.","type":"string"}},"required":["clientOrderId"]}""")]
    public void A_function_keeps_its_wire_schema(string name, string schema)
    {
        var function = Plugins.ReadOnlyTools.Concat(Plugins.OrderTools).Single(f => f.Name == name);

        Assert.That(function.JsonSchema.GetRawText(), Is.EqualTo(schema));
    }

    [Test]
    public void The_kernel_functions_own_schema_is_not_what_reaches_the_wire()
    {
        var kernelFunction = Plugins.KernelPlugins[0]["GetCandles"];
        var wire = Plugins.ReadOnlyTools.Named("MarketData_GetCandles");

        Assert.Multiple(() =>
        {
            Assert.That(kernelFunction.JsonSchema.TryGetProperty("condition", out _), Is.True, "SK writes the function description as 'condition'");
            Assert.That(wire.JsonSchema.TryGetProperty("condition", out _), Is.False);
            Assert.That(kernelFunction.PluginName, Is.EqualTo("MarketData"));
            Assert.That(wire.Name, Is.EqualTo("MarketData_GetCandles"));
            Assert.That(wire.Description, Is.EqualTo(kernelFunction.Description));
            Assert.That(JsonElement.DeepEquals(wire.JsonSchema, kernelFunction.JsonSchema), Is.False);
        });
    }
}
