using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Host;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Orchestration;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Alerts;

/// <summary>
/// Alerts from real runs: <c>cryptofunk backtest</c> in-process with every model provider failing (a fake
/// OpenAI-compatible server answering 500) posts to a fake webhook, in order and without a secret; a webhook that
/// hangs does not change or stall a backtest.
/// </summary>
public sealed class AlertsEndToEndTests
{
    private const string ApiKey = "sk-test-SECRET-123";
    private static readonly string Candles2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    [Test]
    public async Task A_backtest_with_every_provider_down_posts_providers_down_fallbacks_and_trades_in_order_and_no_secret()
    {
        using var dir = new TempDirectory();
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(500, OpenAIWire.Error($"upstream failed for key {ApiKey}", "server_error"));
        await using var webhook = await FakeWebhookServer.StartAsync();
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1", apiKey: ApiKey, maxRetries: 0);
        settings["Llm:Resilience:RetryBaseDelay"] = "00:00:00.001";
        settings["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");
        settings["Alerts:WebhookUrl"] = webhook.Url.ToString();
        settings["Alerts:MaxPerMinute"] = "1000";
        settings["Risk:HaltDrawdownFraction"] = "0.01";
        var summary = dir.File("summary.json");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CryptoFunkApp.RunAsync(
            ["backtest", "--data", Candles2021, "--symbol", "BTC/USDT", "--from", "2021-01-01", "--to", "2021-01-11", "--db", $"Data Source={dir.File("cf.db")}", "--json", summary],
            output,
            error,
            c => c.AddInMemoryCollection(settings),
            CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(0), error.ToString());
        var json = JsonNode.Parse(await File.ReadAllTextAsync(summary))!.AsObject();
        var runId = json["run"]!["id"]!.GetValue<string>();
        var trades = json["agents"]!["trades"]!.GetValue<int>();
        var bodies = webhook.Requests.Select(r => r.Body).ToList();
        var alerts = webhook.Requests.Select(r => r.RequireJson()).Select(j => (
            Kind: j.GetProperty("kind").GetString()!,
            Severity: j.GetProperty("severity").GetString()!,
            Time: DateTimeOffset.Parse(j.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Run: j.GetProperty("run").GetString(),
            Symbol: j.GetProperty("symbol").GetString(),
            Message: j.GetProperty("message").GetString()!,
            Count: j.GetProperty("count").GetInt32())).ToList();
        var kinds = alerts.Select(a => a.Kind).ToList();
        var tradeAlerts = alerts.Where(a => a.Kind is AlertKinds.TradeEntry or AlertKinds.TradeExit).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(trades, Is.GreaterThan(0), "the rules traded during the outage");
            Assert.That(alerts[0].Kind, Is.EqualTo(AlertKinds.ProvidersDown), "the outage is the first thing said");
            Assert.That(alerts[0].Severity, Is.EqualTo("urgent"));
            Assert.That(alerts[0].Message, Does.StartWith("every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)"));
            Assert.That(kinds.IndexOf(AlertKinds.Fallback), Is.GreaterThan(0).And.LessThan(kinds.IndexOf(AlertKinds.TradeEntry)), "fallbacks come before the trades they led to");
            Assert.That(alerts.Where(a => a.Kind == AlertKinds.Fallback).Select(a => a.Message), Has.Some.EqualTo("agent technical_analysis answered from its rules: no model answered"));
            Assert.That(alerts.Where(a => a.Kind is AlertKinds.Fallback or AlertKinds.ProvidersDown).Max(a => a.Count), Is.GreaterThan(1), "the outage's repeats coalesced into one with a count");
            Assert.That(tradeAlerts.Count(a => a.Kind == AlertKinds.TradeExit), Is.EqualTo(trades), "every closed trade");
            Assert.That(tradeAlerts.Count(a => a.Kind == AlertKinds.TradeEntry), Is.InRange(trades, trades + 1), "every entry, an open one too");
            Assert.That(tradeAlerts.Select(a => a.Time), Is.Ordered, "trades as they happened");
            Assert.That(kinds, Does.Contain(AlertKinds.DrawdownHalt));
            Assert.That(alerts.Select(a => (a.Run, a.Symbol)), Is.All.EqualTo((runId, "BTC/USDT")));
            Assert.That(alerts.Select(a => a.Time), Is.All.InRange(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 11, 0, 0, 0, TimeSpan.Zero)), "market time, not the wall clock");
            Assert.That(bodies, Is.All.Not.Contain(ApiKey).And.All.Not.Contain("SECRETTOKEN").And.All.Not.Contain("upstream failed"), "bodies carry our own fields only");
            Assert.That(output.ToString() + error.ToString(), Does.Not.Contain("SECRETTOKEN").And.Not.Contain(ApiKey));
        });
    }

    [Test]
    public async Task A_hanging_webhook_neither_changes_nor_stalls_a_backtest()
    {
        using var dir = new TempDirectory();
        var candles = await CandleFileReader.ReadAsync(Candles2021, CancellationToken.None);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = new BacktestRequest(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, candles.Candles, from, from.AddDays(10), 10_000m, candles.Source);
        await using var webhook = await FakeWebhookServer.StartAsync();
        webhook.Fallback = _ => FakeReply.Hang();
        await using var quiet = DecisionFixtures.Services(dir);
        await using var alerting = DecisionFixtures.Services(dir, new Dictionary<string, string?>
        {
            ["Alerts:WebhookUrl"] = webhook.Url.ToString(),
            ["Alerts:Timeout"] = "00:00:00.200",
            ["Alerts:FlushTimeout"] = "00:00:01",
        });

        var expected = await quiet.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);
        var stopwatch = Stopwatch.StartNew();
        var report = await alerting.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);
        stopwatch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(report.Agents.Trades, Is.GreaterThan(1), "trades raised alerts");
            Assert.That(report.Agents, Is.EqualTo(expected.Agents), "trading went on as without alerts");
            Assert.That(webhook.RequestCount, Is.GreaterThan(0));
            Assert.That(stopwatch.Elapsed, Is.LessThan(expected.Elapsed + TimeSpan.FromSeconds(10)), "the flush gave up after Alerts:FlushTimeout");
        });
    }
}
