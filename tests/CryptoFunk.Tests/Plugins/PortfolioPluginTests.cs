using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using CryptoFunk.Trading;
using static CryptoFunk.Tests.Plugins.PluginTestData;

namespace CryptoFunk.Tests.Plugins;

public sealed class PortfolioPluginTests
{
    private static readonly PaperBrokerOptions NoSlippage = new() { SlippageBasisPoints = 0m, SizeImpactBasisPointsPerPercentOfVolume = 0m };

    [Test]
    public void Functions_are_named_and_take_no_parameters()
    {
        var functions = new PortfolioPlugin(new PaperBroker()).AsAIFunctions();

        Assert.That(functions.Select(f => f.Name), Is.EqualTo(new[] { "Portfolio_GetSummary", "Portfolio_GetPositions" }));
        Assert.That(functions.Select(f => f.Parameters().All.Length), Is.All.Zero);
        Assert.That(functions.Named("Portfolio_GetSummary").Description, Does.Contain("exposure").And.Contain("drawdown"));
    }

    [Test]
    public async Task A_fresh_account_holds_only_cash()
    {
        var functions = new PortfolioPlugin(new PaperBroker()).AsAIFunctions();

        var summary = await functions.CallAsync("Portfolio_GetSummary");
        var positions = await functions.CallAsync("Portfolio_GetPositions");

        Assert.That(summary.GetRawText(), Is.EqualTo("""{"cash":10000,"equity":10000,"peakEquity":10000,"drawdownPercent":0,"openPositions":0,"openOrders":0,"exposure":0}"""));
        Assert.That(positions.GetRawText(), Is.EqualTo("""{"positions":[]}"""));
    }

    [Test]
    public async Task A_long_position_is_marked_at_the_last_close_the_broker_was_fed()
    {
        var broker = new PaperBroker(NoSlippage);
        broker.OnCandle(Btc, new Candle(T0, 100m, 101m, 99m, 100m, 1000m));
        broker.Submit(new OrderRequest("o1", Btc, OrderSide.Buy, OrderType.Market, 10m, null, 90m, 130m, T0.AddHours(1)));
        broker.OnCandle(Btc, new Candle(T0.AddHours(1), 100m, 111m, 99m, 110m, 1000m));
        broker.OnCandle(Btc, new Candle(T0.AddHours(2), 110m, 111m, 98m, 99m, 1000m));
        var functions = new PortfolioPlugin(broker).AsAIFunctions();

        var summary = await functions.CallAsync("Portfolio_GetSummary");
        var positions = await functions.CallAsync("Portfolio_GetPositions");

        // Bought 10 at 100 with a 1 fee: cash 8999; marked at 110 equity peaked at 10099, now at 99 it is 9989.
        Assert.That(summary.GetRawText(), Is.EqualTo("""{"cash":8999,"equity":9989,"peakEquity":10099,"drawdownPercent":1.09,"openPositions":1,"openOrders":0,"exposure":0.0991}"""));
        Assert.That(positions.GetRawText(), Is.EqualTo(
            """{"positions":[{"symbol":"BTC/USDT","side":"long","quantity":10,"averageEntryPrice":100,"stopLoss":90,"takeProfit":130,"openedAt":"2024-01-01T01:00:00Z","markPrice":99,"unrealisedPnl":-10,"unrealisedPnlPercent":-1}]}"""));
    }

    [Test]
    public async Task A_short_position_gains_when_the_price_falls_and_open_orders_are_counted()
    {
        var broker = new PaperBroker(NoSlippage with { AllowShorts = true });
        broker.Submit(new OrderRequest("s1", Btc, OrderSide.Sell, OrderType.Market, 5m, null, null, null, T0));
        broker.OnCandle(Btc, new Candle(T0, 100m, 101m, 89m, 90m, 1000m));
        broker.Submit(new OrderRequest("b1", Btc, OrderSide.Buy, OrderType.Limit, 5m, 80m, null, null, T0.AddHours(1)));
        var functions = new PortfolioPlugin(broker).AsAIFunctions();

        var summary = await functions.CallAsync("Portfolio_GetSummary");
        var position = (await functions.CallAsync("Portfolio_GetPositions")).GetProperty("positions")[0];

        Assert.That(summary.GetProperty("openOrders").GetInt32(), Is.EqualTo(1));
        Assert.That(position.GetProperty("side").GetString(), Is.EqualTo("short"));
        Assert.That(position.GetProperty("stopLoss").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(position.GetProperty("unrealisedPnl").GetDecimal(), Is.EqualTo(50m));
        Assert.That(position.GetProperty("unrealisedPnlPercent").GetDecimal(), Is.EqualTo(10m));
    }
}
