using System.Diagnostics;
using System.Net;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Markets.Exchanges.Binance;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Exchanges;

public sealed class BinanceFailureTests
{
    private static readonly MarketSymbol BtcUsdt = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private FakeBinanceServer _server = null!;
    private InstantTimeProvider _clock = null!;
    private ServiceProvider? _services;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeBinanceServer.StartAsync();
        _clock = new InstantTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 30, TimeSpan.Zero));
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Test]
    public async Task Http_429_waits_for_Retry_After_then_succeeds()
    {
        _server.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 7));

        var candles = await GetTenCandlesAsync(Exchange());

        Assert.Multiple(() =>
        {
            Assert.That(candles, Has.Count.EqualTo(10));
            Assert.That(_server.Requests, Has.Count.EqualTo(2));
            Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        });
    }

    [Test]
    public void Http_429_on_every_attempt_fails_after_the_bounded_retries()
    {
        _server.Enqueue(Enumerable.Repeat(FakeResponse.RateLimited(1), 10).ToArray());

        var exception = Assert.ThrowsAsync<ExchangeException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain("HTTP 429").And.Contain("4 attempts"));
        Assert.That(_server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void Http_429_asking_for_a_longer_wait_than_allowed_fails_at_once()
    {
        _server.Enqueue(FakeResponse.RateLimited(retryAfterSeconds: 600));

        var exception = Assert.ThrowsAsync<ExchangeException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain("MaxRetryAfter"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
        Assert.That(_clock.Waits, Is.Empty);
    }

    [Test]
    public void Http_418_stops_at_once_and_no_further_request_is_sent_during_the_ban()
    {
        _server.Enqueue(FakeResponse.Banned(retryAfterSeconds: 120));
        var exchange = Exchange();

        var first = Assert.ThrowsAsync<BinanceIpBannedException>(() => GetTenCandlesAsync(exchange));
        var second = Assert.ThrowsAsync<BinanceIpBannedException>(() => exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(first!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(first.BannedUntil, Is.EqualTo(_clock.GetUtcNow().AddSeconds(120)));
            Assert.That(first.Message, Does.Contain("banned").And.Contain("418").And.Contain("Retry-After 120 s"));
            Assert.That(second!.BannedUntil, Is.EqualTo(first.BannedUntil));
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
            Assert.That(_clock.Waits, Is.Empty);
        });
    }

    [Test]
    public async Task Requests_resume_once_the_ban_is_over()
    {
        _server.Enqueue(FakeResponse.Banned(retryAfterSeconds: 120));
        var exchange = Exchange();
        Assert.ThrowsAsync<BinanceIpBannedException>(() => GetTenCandlesAsync(exchange));

        _clock.Advance(TimeSpan.FromSeconds(121));
        var candles = await GetTenCandlesAsync(exchange);

        Assert.That(candles, Has.Count.EqualTo(10));
    }

    [Test]
    public void Binance_error_json_becomes_an_exception_with_code_and_message()
    {
        var exception = Assert.ThrowsAsync<BinanceApiException>(() =>
            Exchange().GetCandlesAsync(MarketSymbol.Parse("NOPE/USDT"), Timeframe.OneHour, Start, Start.AddHours(1), null, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Code, Is.EqualTo(-1121));
            Assert.That(exception.BinanceMessage, Is.EqualTo("Invalid symbol."));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exception.Message, Does.Contain("NOPEUSDT").And.Contain("-1121").And.Contain("Invalid symbol."));
            Assert.That(_server.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Server_errors_are_retried_with_backoff_then_succeed()
    {
        _server.Enqueue(FakeResponse.Status(500), FakeResponse.Status(503));

        var candles = await GetTenCandlesAsync(Exchange());

        Assert.Multiple(() =>
        {
            Assert.That(candles, Has.Count.EqualTo(10));
            Assert.That(_server.Requests, Has.Count.EqualTo(3));
            Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20) }));
        });
    }

    [Test]
    public void Server_errors_on_every_attempt_fail_clearly()
    {
        _server.Enqueue(Enumerable.Repeat(
            FakeResponse.Status(503, """{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}"""), 10).ToArray());

        var exception = Assert.ThrowsAsync<ExchangeException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain("failed after 4 attempts").And.Contain("HTTP 503").And.Contain("-1001"));
        Assert.That(_server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void A_hanging_endpoint_is_cut_by_the_request_timeout()
    {
        _server.Enqueue(FakeResponse.Hanging(), FakeResponse.Hanging());
        var exchange = Exchange(new Dictionary<string, string?>
        {
            ["Exchange:Binance:RequestTimeout"] = "00:00:00.200",
            ["Exchange:Binance:MaxRetries"] = "1",
        });
        var stopwatch = Stopwatch.StartNew();

        var exception = Assert.ThrowsAsync<ExchangeException>(() => GetTenCandlesAsync(exchange));

        Assert.That(exception!.Message, Does.Contain("no answer within 0.2 s").And.Contain("2 attempts"));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Cancelling_the_caller_is_not_reported_as_a_timeout()
    {
        _server.Enqueue(FakeResponse.Hanging());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() =>
            Exchange().GetCandlesAsync(BtcUsdt, Timeframe.OneHour, Start, Start.AddHours(10), null, cancellation.Token));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_body_that_is_not_json_gives_a_clear_error()
    {
        _server.Enqueue(FakeResponse.Json("<html>gateway</html>"));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain("not JSON").And.Contain("<html>gateway</html>"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("""[1704067200000,"1.0","2.0","0.5","1.5","10",1704070799999,"0",1,"0","0","0"],[1704070800000,"abc","2.0","0.5","1.5","10",1704074399999,"0",1,"0","0","0"]""",
        "kline row 1 (open time 2024-01-01T01:00:00Z)", "open \"abc\"")]
    [TestCase("""[1704067200000,"1.0","2.0","0.5","1.5","-10",1704070799999,"0",1,"0","0","0"]""", "kline row 0", "volume \"-10\"")]
    [TestCase("""[1704067200000,"1.0","2.0","0.5","1.5","1e3",1704070799999,"0",1,"0","0","0"]""", "kline row 0", "volume \"1e3\"")]
    [TestCase("""[1704067200000,1.0,"2.0","0.5","1.5","10",1704070799999,"0",1,"0","0","0"]""", "kline row 0", "open 1.0")]
    [TestCase("""[1704067200000,"1.0","2.0","0.5","1.5"]""", "kline row 0", "12 kline columns")]
    [TestCase("""["2024-01-01","1.0","2.0","0.5","1.5","10",1704070799999,"0",1,"0","0","0"]""", "kline row 0", "not a millisecond timestamp")]
    [TestCase("""[1704067200000,"1.0","0.4","0.5","1.5","10",1704070799999,"0",1,"0","0","0"]""", "kline row 0", "inconsistent")]
    [TestCase("""[1704067200000,"1.0","2.0","0.5","1.5","10",1704153599999,"0",1,"0","0","0"]""", "kline row 0", "does not end a 1h bar")]
    public void Malformed_kline_rows_give_an_error_naming_the_row(string rows, string where, string what)
    {
        _server.Enqueue(FakeResponse.Json($"[{rows}]"));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain(where).And.Contain(what).And.Contain("GET /api/v3/klines?symbol=BTCUSDT"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_object_instead_of_kline_rows_is_refused()
    {
        _server.Enqueue(FakeResponse.Json("""{"rows":[]}"""));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => GetTenCandlesAsync(Exchange()));

        Assert.That(exception!.Message, Does.Contain("instead of an array of kline rows"));
    }

    [Test]
    public void Invalid_options_are_reported_with_their_configuration_key()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(() =>
            GetTenCandlesAsync(Exchange(new Dictionary<string, string?> { ["Exchange:Binance:RequestTimeout"] = "00:00:00" })));

        Assert.That(exception!.Message, Does.Contain("Exchange:Binance:RequestTimeout"));
        Assert.That(_server.Requests, Is.Empty);
    }

    private IExchange Exchange(IDictionary<string, string?>? settings = null)
    {
        _services = TestBinance.Services(_server, _clock, settings);
        return TestBinance.Exchange(_services);
    }

    private static Task<IReadOnlyList<Candle>> GetTenCandlesAsync(IExchange exchange) =>
        exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, Start, Start.AddHours(10), null, CancellationToken.None);
}
