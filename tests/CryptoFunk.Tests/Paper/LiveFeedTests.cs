using System.Text.Json.Nodes;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
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
/// are settled, not decided.
/// </summary>
public sealed class LiveFeedTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 10, 30, 0, TimeSpan.Zero);

    private FakeBinanceServer _server = null!;
    private InstantTimeProvider _clock = null!;
    private ServiceProvider _binance = null!;
    private ListLogger<LiveFeed> _log = null!;
    private TempDirectory _dir = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeBinanceServer.StartAsync();
        _clock = new InstantTimeProvider(Start);
        _server.Clock = _clock;
        _binance = TestBinance.Services(_server, _clock);
        _log = new ListLogger<LiveFeed>();
        _dir = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _binance.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
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
        await using var services = DecisionFixtures.Services(_dir);
        var trader = services.GetRequiredService<PaperTrader>();
        var before = new RecordingFeed(Feed(), _clock)
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
    public async Task Live_trading_takes_the_order_rules_from_the_exchange_once_at_the_start()
    {
        _server.OrderRules["BTCUSDT"] = new ExchangeRules(0.001m, 0.001m, 12.5m, 0.1m);
        await using var services = DecisionFixtures.Services(_dir);
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
    public async Task A_live_run_whose_order_rules_cannot_be_fetched_does_not_start()
    {
        _server.OrderRules.Clear();
        await using var services = DecisionFixtures.Services(_dir);

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

    private LiveFeed Feed() => new(
        [Btc],
        Timeframe.OneHour,
        TestBinance.Exchange(_binance),
        Options.Create(new LiveFeedOptions { SettleDelay = Settle, PollInterval = TimeSpan.FromSeconds(10), LateCandleTimeout = TimeSpan.FromMinutes(2) }),
        _clock,
        _log);

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
