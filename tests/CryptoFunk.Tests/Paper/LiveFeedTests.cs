using System.Globalization;
using System.Text.Json.Nodes;
using CryptoFunk.Agents.Context;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Orchestration;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Paper;

/// <summary>
/// Live paper trading against a fake Binance on 127.0.0.1 whose bars form and close on a controlled clock (every wait
/// finishes at once and moves the clock by its length, so nothing depends on the machine's speed): each candle is taken
/// only once final, through server errors, rate limits and late bars, and closes missed while the program was down
/// are settled, not decided. Each decided close brings the order book and futures sentiment fetched then, which the
/// agents read and the journal keeps; replayed candles have neither, and the sentiment agent is told so.
/// </summary>
public sealed class LiveFeedTests : TempDirectoryTest
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 10, 30, 0, TimeSpan.Zero);

    private FakeBinanceServer _server = null!;
    private InstantTimeProvider _clock = null!;
    private ServiceProvider _binance = null!;
    private ListLogger<LiveFeed> _log = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeBinanceServer.StartAsync();
        _clock = new InstantTimeProvider(Start);
        _server.Clock = _clock;
        _binance = TestBinance.Services(_server, _clock);
        _log = new ListLogger<LiveFeed>();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _binance.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Each_close_comes_at_its_bar_close_with_the_final_candle_through_a_5xx_a_429_and_a_late_bar()
    {
        var feed = Feed();
        var markets = await feed.StartAsync(null, CancellationToken.None);
        var closes = new List<(MarketClose Close, DateTimeOffset At)>();

        _server.Enqueue(FakeResponse.Status(503, """{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}"""));
        closes.Add(await NextAsync(feed));
        _server.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 7));
        closes.Add(await NextAsync(feed));
        _server.LateBars[At(12)] = At(13).AddSeconds(40);
        closes.Add(await NextAsync(feed));

        Assert.Multiple(() =>
        {
            Assert.That(markets[0].Candles, Has.Count.EqualTo(MarketHistory.WarmUpBars));
            Assert.That(markets[0].Candles[^1], Is.EqualTo(FakeBinanceServer.CandleAt(At(9))), "the start's history ends with the last closed bar");
            Assert.That(closes.Select(c => c.Close.Time), Is.EqualTo(new[] { At(11), At(12), At(13) }), "closes are exactly the bar closes");
            Assert.That(closes.Select(c => c.Close.Missed), Is.All.False);
            Assert.That(_clock.Waits, Does.Contain(TimeSpan.FromSeconds(7)), "the 429's Retry-After was sat out");
            Assert.That(closes[2].At, Is.GreaterThanOrEqualTo(At(13).AddSeconds(40)), "the late bar was waited for");
        });
        foreach (var (close, at) in closes)
        {
            AssertFinalAndClosed(close, at);
        }
    }

    [Test]
    public async Task A_bar_not_final_in_time_and_a_bar_the_exchange_never_had_are_skipped_with_the_reason_and_stay_out()
    {
        _server.LateBars[At(10)] = At(11).AddMinutes(10);
        _server.MissingOpenTimes.Add(At(11));
        var feed = Feed();
        await feed.StartAsync(null, CancellationToken.None);

        var (close, at) = await NextAsync(feed);

        var skips = _log.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("skips the close", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(close.Time, Is.EqualTo(At(13)), "the closes at 11:00 and 12:00 had no candle, so nothing was delivered for them");
            Assert.That(close.Extended[0].Candles.Select(c => c.OpenTime), Does.Not.Contain(At(10)).And.Not.Contain(At(11)), "the bar that came final too late stays out");
            Assert.That(skips, Has.Count.EqualTo(2));
            Assert.That(skips[0], Does.Contain("2025-03-03T11:00:00Z").And.Contain("not final by 2025-03-03T11:02:05Z"));
            Assert.That(skips[1], Does.Contain("2025-03-03T12:00:00Z").And.Contain("opened the next bar without this one"));
        });
        AssertFinalAndClosed(close, at);
    }

    [Test]
    public async Task Live_decisions_see_only_final_closed_candles_and_closes_missed_while_down_are_settled_not_decided()
    {
        await using var services = DecisionFixtures.Services(Temp);
        var trader = services.GetRequiredService<PaperTrader>();
        var before = TroubledFeed();
        var first = await RunUntilAsync(trader, before, At(13));

        _clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(20));
        var after = new RecordingFeed(Feed(), _clock);
        var second = await RunUntilAsync(trader, after, At(17));

        var store = services.GetRequiredService<TradingStore>();
        var decisions = await store.DecisionsAsync(PaperAccounts.RunId("live"), CancellationToken.None);
        var equity = await store.EquityAsync(PaperAccounts.RunId("live"), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Select(s => (s.Time, s.Missed, s.Decisions.Count)), Is.EqualTo(new[] { (At(11), false, 1), (At(12), false, 1), (At(13), false, 1) }));
            Assert.That(
                second.Select(s => (s.Time, s.Missed, s.Decisions.Count)),
                Is.EqualTo(new[] { (At(13), true, 0), (At(14), true, 0), (At(15), true, 0), (At(16), true, 0), (At(17), false, 1) }),
                "after the restart the closes that went by while down are settled, not decided; the next live one is decided");
            Assert.That(decisions.Select(d => d.DecisionTime), Is.EqualTo(new[] { At(11), At(12), At(13), At(17) }), "each close decided once, none on stale data");
            Assert.That(equity.Select(e => e.Time), Is.EqualTo(new[] { At(11), At(12), At(13), At(14), At(15), At(16), At(17) }), "every close settled");
            Assert.That(first.Concat(second).SelectMany(s => s.Decisions).Select(d => d.DecisionTime), Is.EqualTo(new[] { At(11), At(12), At(13), At(17) }));
        });
        foreach (var (close, at) in before.Closes.Concat(after.Closes).Where(c => !c.Close.Missed))
        {
            AssertFinalAndClosed(close, at);
        }
    }

    [Test]
    public async Task Live_decisions_get_the_order_book_and_futures_sentiment_fetched_at_each_close_store_them_and_explain_shows_them()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = TradingDesk.Answer;
        var db = $"Data Source={Temp.File("cf.db")}";
        await using var services = DecisionFixtures.Services(Temp, PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1"));
        var feed = TroubledFeed();

        var steps = await RunUntilAsync(services.GetRequiredService<PaperTrader>(), feed, At(13));

        var decisions = await services.GetRequiredService<TradingStore>().DecisionsAsync(PaperAccounts.RunId("live"), CancellationToken.None);
        var closes = new[] { At(11), At(12), At(13) };
        Assert.That(steps.Select(s => (s.Time, s.Missed, s.Decisions.Count)), Is.EqualTo(closes.Select(c => (c, false, 1))));
        Assert.That(decisions.Select(d => d.DecisionTime), Is.EqualTo(closes));
        Assert.That(_clock.Waits, Does.Contain(TimeSpan.FromSeconds(3)), "the 429's Retry-After was sat out");
        Assert.That(feed.Closes[2].DeliveredAt, Is.GreaterThanOrEqualTo(At(13).AddSeconds(30)), "the late bar was waited for");
        foreach (var (close, at) in feed.Closes)
        {
            AssertFinalAndClosed(close, at);
        }

        var prompts = openai.Requests.Select(Prompt).ToList();
        var orderBookPrompts = prompts.Where(p => p.Contains("order-flow analyst", StringComparison.Ordinal)).ToList();
        var sentimentPrompts = prompts.Where(p => p.Contains("market-sentiment analyst", StringComparison.Ordinal)).ToList();
        var futuresRequests = _server.Requests.Where(r => r.Path.StartsWith("/f", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Select(d => d.Agents.Single(a => a.AgentName == "order_book").AbstainReason), Is.All.Null, "the order book agent took part in every decision");
            Assert.That(orderBookPrompts, Has.Count.EqualTo(3));
            Assert.That(orderBookPrompts, Is.All.Contain("Best bid: 64000 (0.5), best ask: 64000.01 (0.25)").And.All.Contain("Depth of the top 20 levels"));
            Assert.That(sentimentPrompts, Has.Count.EqualTo(3));
            Assert.That(sentimentPrompts.Zip(closes), Has.All.Matches<(string Prompt, DateTimeOffset Close)>(p =>
                p.Prompt.Contains($"Open interest: {FakeBinanceServer.OpenInterestAt(p.Close)} BTC", StringComparison.Ordinal)
                && p.Prompt.Contains($"at {UtcTimestamp.Format(p.Close)}", StringComparison.Ordinal)
                && p.Prompt.Contains("settled 2025-03-03T08:00:00Z", StringComparison.Ordinal)
                && !p.Prompt.Contains(MarketContextFormatter.NoFuturesSentiment, StringComparison.Ordinal)));
            Assert.That(prompts.Except(sentimentPrompts), Has.None.Contain("Futures Sentiment"), "only the sentiment agent reads the futures section");
            Assert.That(_server.Requests.Where(r => r.Path == "/api/v3/depth").Select(r => r.Query["limit"]), Is.EqualTo(new[] { "20", "20", "20" }));
            Assert.That(
                futuresRequests.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(r.Query["endTime"], CultureInfo.InvariantCulture))),
                Is.EqualTo(closes.SelectMany(c => Enumerable.Repeat(c, 3))),
                "funding, open interest and long/short ratio at every close, each request ending at its decision");
            Assert.That(decisions.Select(d => d.OrderBookJson), Has.All.StartWith("{\"time\":\"2025-03-03T1").And.All.Contain("\"bids\":[[64000,0.5],[63999.99,0.501],"));
            Assert.That(decisions.Select(d => d.SentimentJson), Has.All.Contain("\"funding\":{\"rate\":").And.All.Contain("\"open_interest\":{\"quantity\":"));
            Assert.That(decisions.Sum(d => d.OrderBookJson!.Length + d.SentimentJson!.Length) / 3, Is.LessThan(1_200), "about a kilobyte a decision");
        });

        var explain = await ExplainAsync(decisions[1].Id, db);
        Assert.Multiple(() =>
        {
            Assert.That(explain, Does.Contain("order book at 2025-03-03T12:00:0").And.Contain("20 bid and 20 ask levels: best bid 64000×0.5, best ask 64000.01×0.25, spread 0.01"));
            Assert.That(explain, Does.Contain("    bids 64000×0.5  63999.99×0.501  63999.98×0.502"));
            Assert.That(explain, Does.Contain($"    funding: rate {FakeBinanceServer.FundingRateAt(At(8)).ToString("0.########", CultureInfo.InvariantCulture)}, time 2025-03-03T08:00:00Z"));
            Assert.That(explain, Does.Contain($"    open_interest: quantity {FakeBinanceServer.OpenInterestAt(At(12)).ToString(CultureInfo.InvariantCulture)}").And.Contain("time 2025-03-03T12:00:00Z"));
            Assert.That(explain, Does.Contain("    long_short: ratio "));
        });
    }

    [Test]
    public async Task Live_trading_takes_the_order_rules_from_the_exchange_once_at_the_start()
    {
        _server.OrderRules["BTCUSDT"] = new ExchangeRules(0.001m, 0.001m, 12.5m, 0.1m);
        await using var services = DecisionFixtures.Services(Temp);
        var trader = services.GetRequiredService<PaperTrader>();

        await RunUntilAsync(trader, new RecordingFeed(Feed(), _clock), At(13));

        var run = await services.GetRequiredService<TradingStore>().RunAsync(PaperAccounts.RunId("live"), CancellationToken.None);
        var rules = JsonNode.Parse(run!.SettingsJson!)!["exchange_rules"]!["BTC/USDT"]!;
        Assert.Multiple(() =>
        {
            Assert.That(_server.Requests.Count(r => r.Path == "/api/v3/exchangeInfo"), Is.EqualTo(1), "asked once, at the start");
            Assert.That(_server.Requests.Single(r => r.Path == "/api/v3/exchangeInfo").Query["symbols"], Is.EqualTo("""["BTCUSDT"]"""));
            Assert.That(
                (rules["min_quantity"]!.GetValue<decimal>(), rules["step_size"]!.GetValue<decimal>(), rules["min_notional"]!.GetValue<decimal>(), rules["tick_size"]!.GetValue<decimal>()),
                Is.EqualTo((0.001m, 0.001m, 12.5m, 0.1m)),
                "the exchange's rules, not the configured ones");
        });
    }

    [Test]
    public async Task An_order_book_or_futures_statistic_that_fails_or_hangs_is_left_out_with_the_reason_and_the_close_still_comes()
    {
        _server.FailingPaths["/api/v3/depth"] = FakeResponse.Status(503);
        _server.FailingPaths["/fapi/v1/fundingRate"] = FakeResponse.Hanging();
        var feed = Feed(marketDataTimeout: TimeSpan.FromSeconds(1));
        await feed.StartAsync(null, CancellationToken.None);

        var (close, at) = await NextAsync(feed);

        var extras = close.Extras[Btc];
        var missing = _log.Entries.Where(e => e.Message.Contains("without its", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(close.Time, Is.EqualTo(At(11)));
            Assert.That(close.Decide, Is.True, "the close is decided without what could not be had");
            Assert.That(extras.OrderBook, Is.Null);
            Assert.That(extras.Sentiment!.Funding, Is.Null);
            Assert.That(extras.Sentiment.OpenInterest!.Time, Is.EqualTo(At(11)));
            Assert.That(extras.Sentiment.LongShort!.Time, Is.EqualTo(At(11)));
            Assert.That(missing, Has.Count.EqualTo(2));
            Assert.That(missing, Has.One.StartsWith("BTC/USDT decides at 2025-03-03T11:00:00Z without its order book: Binance request GET /api/v3/depth").And.Contains("HTTP 503"));
            Assert.That(missing, Has.One.EqualTo("BTC/USDT decides at 2025-03-03T11:00:00Z without its funding rate: no answer within 1 s (Paper:MarketDataTimeout)"));
        });
        AssertFinalAndClosed(close, at);
    }

    [Test]
    public async Task A_replayed_decision_tells_the_sentiment_agent_no_futures_data_is_available_and_stores_none()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = TradingDesk.Answer;
        await using var services = DecisionFixtures.Services(Temp, PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1"));
        var history = new MarketHistory(Btc, Timeframe.OneHour, DecisionFixtures.RisingCandles());
        var replay = new ReplayFeed([history], "rising", DecisionFixtures.Start.AddHours(260), DecisionFixtures.Start.AddHours(264), speed: null, TimeProvider.System);

        await services.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest("replay", 10_000m, replay), null, CancellationToken.None);

        var decisions = await services.GetRequiredService<TradingStore>().DecisionsAsync(PaperAccounts.RunId("replay"), CancellationToken.None);
        var sentimentPrompts = openai.Requests.Select(Prompt).Where(p => p.Contains("market-sentiment analyst", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Has.Count.EqualTo(3));
            Assert.That(sentimentPrompts, Has.Count.EqualTo(3));
            Assert.That(sentimentPrompts, Is.All.Contain($"## Futures Sentiment\n\n{MarketContextFormatter.NoFuturesSentiment}"));
            Assert.That(decisions.Select(d => (d.OrderBookJson, d.SentimentJson)), Is.All.EqualTo(((string?)null, (string?)null)), "nothing extra is stored");
            Assert.That(decisions.SelectMany(d => d.Agents).Select(a => a.AgentName), Has.None.EqualTo("order_book"), "candle files have no order book");
        });
    }

    [Test]
    public async Task A_live_run_whose_order_rules_cannot_be_fetched_does_not_start()
    {
        _server.OrderRules.Clear();
        await using var services = DecisionFixtures.Services(Temp);

        // Were the rules not fetched, the run would trade on; the stop ends it then, and no exception fails the test.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var failed = Assert.ThrowsAsync<ExchangeRulesUnavailableException>(
            () => services.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest("live", 10_000m, Feed()), null, stop.Token));

        Assert.That(failed!.Message, Does.StartWith("could not fetch the order rules from binance live (Binance refused GET /api/v3/exchangeInfo").And.Contain("Invalid symbol"));
    }

    private static DateTimeOffset At(int hour) => new(2025, 3, 3, hour, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// What a decision at the close sees: candles all closed by it, the newest closing exactly then, each with the
    /// exchange's final values, fetched no earlier than the close plus the settle delay.
    /// </summary>
    private static void AssertFinalAndClosed(MarketClose close, DateTimeOffset deliveredAt)
    {
        var history = close.Extended.Single();
        Assert.Multiple(() =>
        {
            Assert.That(deliveredAt, Is.GreaterThanOrEqualTo(close.Time + Settle), $"{close.Time:u} delivered at {deliveredAt:u}");
            Assert.That(history.Candles[^1].OpenTime + history.Timeframe.Duration, Is.EqualTo(close.Time));
            Assert.That(history.Candles.Where(c => c != FakeBinanceServer.CandleAt(c.OpenTime)), Is.Empty, $"only final values at {close.Time:u}");
        });
    }

    private static async Task<List<PaperStep>> RunUntilAsync(PaperTrader trader, RecordingFeed feed, DateTimeOffset last)
    {
        using var stop = new CancellationTokenSource();
        var steps = new StepList(step =>
        {
            if (step.Time >= last)
            {
                stop.Cancel();
            }
        });
        var report = await trader.RunAsync(new PaperRequest("live", 10_000m, feed), steps, stop.Token);
        Assert.That(report.Stopped, Is.True);
        return steps.Steps;
    }

    private async Task<(MarketClose Close, DateTimeOffset At)> NextAsync(LiveFeed feed)
    {
        var close = await feed.NextCloseAsync(CancellationToken.None);
        Assert.That(close, Is.Not.Null);
        return (close!, _clock.GetUtcNow());
    }

    /// <summary>
    /// The live feed as a run sees it when the exchange has trouble: a 502 on the first close's candles, a 429 on the
    /// second's, and the bar of the third close finished 30 seconds late.
    /// </summary>
    private RecordingFeed TroubledFeed() => new(Feed(), _clock)
    {
        BeforeClose = delivered =>
        {
            switch (delivered)
            {
                case 0:
                    _server.Enqueue(FakeResponse.Status(502));
                    break;
                case 1:
                    _server.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 3));
                    break;
                case 2:
                    _server.LateBars[At(12)] = At(13).AddSeconds(30);
                    break;
            }
        },
    };

    private LiveFeed Feed(TimeSpan? marketDataTimeout = null) => new(
        [Btc],
        Timeframe.OneHour,
        TestBinance.Exchange(_binance),
        TestBinance.Futures(_binance),
        Options.Create(new LiveFeedOptions
        {
            SettleDelay = Settle,
            PollInterval = TimeSpan.FromSeconds(10),
            LateCandleTimeout = TimeSpan.FromMinutes(2),
            MarketDataTimeout = marketDataTimeout ?? new LiveFeedOptions().MarketDataTimeout,
        }),
        _clock,
        _log);

    /// <summary>The prompt an agent sent: its messages' text, decoded from the request.</summary>
    private static string Prompt(RecordedRequest request) =>
        string.Join("\n", request.RequireJson().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));

    private async Task<string> ExplainAsync(long decisionId, string db)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(["explain", decisionId.ToString(CultureInfo.InvariantCulture), "--db", db], output, error, _ => { }, CancellationToken.None);
        Assert.That(exitCode, Is.EqualTo(0), error.ToString());
        return output.ToString();
    }

    /// <summary>Keeps every step, calling <paramref name="after"/> on the loop's thread after each.</summary>
    private sealed class StepList(Action<PaperStep> after) : IProgress<PaperStep>
    {
        public List<PaperStep> Steps { get; } = [];

        public void Report(PaperStep value)
        {
            Steps.Add(value);
            after(value);
        }
    }
}
