using System.Globalization;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Markets.Exchanges.Binance;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Exchanges;

/// <summary>
/// Binance's public USDⓈ-M futures statistics read for sentiment against the fake on 127.0.0.1: answers in Binance's
/// real shapes read exactly, every request a window ending at the decision, and no row stamped after it ever used,
/// even when the server sends one.
/// </summary>
public sealed class BinanceFuturesSentimentTests
{
    private static readonly MarketSymbol BtcUsdt = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset At = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeBinanceServer _server = null!;
    private InstantTimeProvider _clock = null!;
    private ServiceProvider _services = null!;
    private IFuturesSentimentSource _futures = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeBinanceServer.StartAsync();
        _clock = new InstantTimeProvider(At.AddSeconds(5));
        _server.Clock = _clock;
        _services = TestBinance.Services(_server, _clock);
        _futures = TestBinance.Futures(_services);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Funding_open_interest_and_long_short_rows_in_Binances_shapes_are_read_exactly()
    {
        _server.Enqueue(FakeResponse.Json("""
            [{"symbol":"BTCUSDT","fundingTime":1717200000000,"fundingRate":"0.00010000","markPrice":"67500.10000000"},
             {"symbol":"BTCUSDT","fundingTime":1717228800000,"fundingRate":"-0.00003750","markPrice":""}]
            """));
        var funding = await _futures.GetFundingRateAsync(BtcUsdt, At, CancellationToken.None);
        _server.Enqueue(FakeResponse.Json("""
            [{"symbol":"BTCUSDT","sumOpenInterest":"80620.87700000","sumOpenInterestValue":"5441909228.43917000","CMCCirculatingSupply":"19708931.000","timestamp":1717236000000},
             {"symbol":"BTCUSDT","sumOpenInterest":"81000.12300000","sumOpenInterestValue":"5467508302.50000000","CMCCirculatingSupply":"19708931.000","timestamp":1717239600000}]
            """));
        var interest = await _futures.GetOpenInterestAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);
        _server.Enqueue(FakeResponse.Json("""
            [{"symbol":"BTCUSDT","longShortRatio":"1.9559","longAccount":"0.6617","shortAccount":"0.3383","timestamp":"1717243200000"}]
            """));
        var crowd = await _futures.GetLongShortRatioAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(funding, Is.EqualTo(new FundingRate(-0.0000375m, At.AddHours(-4))), "the latest settled, its rate signed");
            Assert.That(interest, Is.EqualTo(new OpenInterest(81000.123m, 5467508302.5m, At.AddHours(-1), PreviousQuantity: 80620.877m)));
            Assert.That(interest!.Change, Is.EqualTo(0.0047044).Within(1e-6));
            Assert.That(crowd, Is.EqualTo(new LongShortRatio(1.9559m, 0.6617m, 0.3383m, At)), "a row stamped at the decision is known at it; the timestamp may come as a string");
        });
    }

    [Test]
    public async Task Each_request_asks_for_a_short_window_ending_at_the_decision()
    {
        await _futures.GetFundingRateAsync(BtcUsdt, At, CancellationToken.None);
        await _futures.GetOpenInterestAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);
        await _futures.GetLongShortRatioAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);

        var requests = _server.Requests;
        var at = At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Path), Is.EqualTo(new[] { "/fapi/v1/fundingRate", "/futures/data/openInterestHist", "/futures/data/globalLongShortAccountRatio" }));
            Assert.That(requests.Select(r => r.Query["endTime"]), Is.All.EqualTo(at), "endTime is the decision time");
            Assert.That(requests.Select(r => r.Query["symbol"]), Is.All.EqualTo("BTCUSDT"));
            Assert.That(requests[0].Query["startTime"], Is.EqualTo(At.AddDays(-1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
            Assert.That(requests.Skip(1).Select(r => r.Query["startTime"]), Is.All.EqualTo(At.AddHours(-3).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
            Assert.That(requests.Skip(1).Select(r => r.Query["period"]), Is.All.EqualTo("1h"));
        });
    }

    [Test]
    public async Task Rows_stamped_after_the_decision_are_ignored_even_when_the_server_sends_them()
    {
        _clock.Advance(TimeSpan.FromHours(5));
        _server.FuturesIgnoresEndTime = true;

        var funding = await _futures.GetFundingRateAsync(BtcUsdt, At, CancellationToken.None);
        var interest = await _futures.GetOpenInterestAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);
        var crowd = await _futures.GetLongShortRatioAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);

        var settled = At.AddHours(-4);
        Assert.Multiple(() =>
        {
            Assert.That(funding, Is.EqualTo(new FundingRate(FakeBinanceServer.FundingRateAt(settled), settled)), "not the funding settled at 16:00, after the decision");
            Assert.That(interest, Is.EqualTo(new OpenInterest(FakeBinanceServer.OpenInterestAt(At), FakeBinanceServer.OpenInterestAt(At) * 64_000m, At, FakeBinanceServer.OpenInterestAt(At.AddHours(-1)))));
            Assert.That(crowd!.Time, Is.EqualTo(At));
            Assert.That(crowd.LongShare, Is.EqualTo(FakeBinanceServer.LongShareAt(At)));
        });
    }

    [Test]
    public async Task Nothing_stamped_in_the_window_is_no_reading_rather_than_an_old_one()
    {
        _server.Enqueue(FakeResponse.Json("[]"), FakeResponse.Json("[]"), FakeResponse.Json("[]"));

        var funding = await _futures.GetFundingRateAsync(BtcUsdt, At, CancellationToken.None);
        var interest = await _futures.GetOpenInterestAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);
        var crowd = await _futures.GetLongShortRatioAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None);

        Assert.That(new object?[] { funding, interest, crowd }, Is.All.Null);
    }

    [TestCase("1m", "5m")]
    [TestCase("3m", "5m")]
    [TestCase("15m", "15m")]
    [TestCase("4h", "4h")]
    [TestCase("8h", "6h")]
    [TestCase("1d", "1d")]
    [TestCase("1w", "1d")]
    public async Task Statistics_are_sampled_at_the_longest_period_Binance_offers_within_the_bar(string bar, string period)
    {
        var timeframe = Timeframe.Parse(bar);

        await _futures.GetOpenInterestAsync(BtcUsdt, timeframe, At, CancellationToken.None);
        await _futures.GetLongShortRatioAsync(BtcUsdt, timeframe, At, CancellationToken.None);

        Assert.That(_server.Requests.Select(r => r.Query["period"]), Is.All.EqualTo(period));
    }

    [Test]
    public async Task Futures_requests_go_to_the_futures_base_url_and_spot_requests_do_not()
    {
        await using var futuresServer = await FakeBinanceServer.StartAsync();
        futuresServer.Clock = _clock;
        await using var services = TestBinance.Services(_server, _clock, new Dictionary<string, string?> { ["Exchange:Binance:FuturesBaseUrl"] = futuresServer.BaseUrl.ToString() });

        await TestBinance.Futures(services).GetFundingRateAsync(BtcUsdt, At, CancellationToken.None);
        await TestBinance.Exchange(services).GetOrderBookAsync(BtcUsdt, 5, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(futuresServer.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/fapi/v1/fundingRate" }));
            Assert.That(_server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/api/v3/depth" }));
        });
    }

    [Test]
    public void A_symbol_without_a_perpetual_is_refused_with_Binances_own_error()
    {
        var exception = Assert.ThrowsAsync<BinanceApiException>(() => _futures.GetFundingRateAsync(MarketSymbol.Parse("ETH/USDT"), At, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Code, Is.EqualTo(-1121));
            Assert.That(exception.Message, Does.StartWith("Binance refused GET /fapi/v1/fundingRate?symbol=ETHUSDT"));
        });
    }

    [TestCase("funding", """[{"symbol":"ETHUSDT","fundingTime":1717200000000,"fundingRate":"0.0001"}]""", "funding rate row 0 of GET /fapi/v1/fundingRate", "is not about BTCUSDT")]
    [TestCase("funding", """[{"symbol":"BTCUSDT","fundingTime":1717200000000,"fundingRate":0.0001}]""", "funding rate row 0", "'fundingRate' is missing or not a decimal string")]
    [TestCase("interest", """[{"symbol":"BTCUSDT","sumOpenInterest":"1.0","timestamp":1717236000000}]""", "open interest row 0 of GET /futures/data/openInterestHist", "'sumOpenInterestValue' is missing or not a decimal string")]
    [TestCase("interest", """{"symbol":"BTCUSDT"}""", "GET /futures/data/openInterestHist", "instead of an array of open interest rows")]
    [TestCase("crowd", """[{"symbol":"BTCUSDT","longShortRatio":"1.5","longAccount":"0.6","shortAccount":"0.4","timestamp":"soon"}]""", "long/short ratio row 0", "'timestamp' is missing or not a millisecond timestamp")]
    [TestCase("crowd", """[{"symbol":"BTCUSDT","longShortRatio":"1.5","longAccount":"60","shortAccount":"40","timestamp":1717243200000}]""", "long/short ratio row 0", "not fractions of 1")]
    [TestCase("crowd", """[{"symbol":"BTCUSDT","longShortRatio":"1.5","longAccount":"0.6","shortAccount":"0.4","timestamp":1717243200000},{"symbol":"BTCUSDT","longShortRatio":"1.5","longAccount":"0.6","shortAccount":"0.4","timestamp":1717239600000}]""", "long/short ratio row 1", "rows must arrive oldest first")]
    public void An_answer_not_in_Binances_shape_is_refused_naming_the_row_and_field(string statistic, string body, string where, string what)
    {
        _server.Enqueue(FakeResponse.Json(body));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => statistic switch
        {
            "funding" => _futures.GetFundingRateAsync(BtcUsdt, At, CancellationToken.None),
            "interest" => _futures.GetOpenInterestAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None),
            _ => _futures.GetLongShortRatioAsync(BtcUsdt, Timeframe.OneHour, At, CancellationToken.None),
        });

        Assert.That(exception!.Message, Does.Contain(where).And.Contain(what));
    }
}
