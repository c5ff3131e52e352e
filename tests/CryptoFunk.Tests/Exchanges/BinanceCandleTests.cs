using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Exchanges;

public sealed class BinanceCandleTests : BinanceExchangeTests
{
    private static readonly MarketSymbol BtcUsdt = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);


    [Test]
    public async Task Paging_over_more_than_1000_candles_returns_every_candle_once_in_order()
    {
        var to = Start.AddHours(2500);
        var reports = new List<CandleDownloadProgress>();

        var candles = await Exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, Start, to, new ListProgress(reports), CancellationToken.None);

        var expected = Enumerable.Range(0, 2500).Select(h => FakeBinanceServer.CandleAt(Start.AddHours(h))).ToList();
        Assert.That(candles, Is.EqualTo(expected));
        var klineRequests = Server.Requests.Where(r => r.Path == "/api/v3/klines").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(klineRequests, Has.Count.EqualTo(3));
            Assert.That(klineRequests.Select(r => r.Query["limit"]), Is.All.EqualTo("1000"));
            Assert.That(klineRequests.Select(r => r.Query["symbol"]), Is.All.EqualTo("BTCUSDT"));
            Assert.That(klineRequests.Select(r => r.Query["interval"]), Is.All.EqualTo("1h"));
            Assert.That(klineRequests.Select(r => long.Parse(r.Query["startTime"])), Is.Ordered.Ascending);
            Assert.That(reports.Select(r => r.Fraction), Is.Ordered.Ascending);
            Assert.That(reports[^1].Fraction, Is.EqualTo(1));
            Assert.That(reports[^1].CandleCount, Is.EqualTo(2500));
        });
    }

    [Test]
    public async Task Only_candles_opening_inside_the_half_open_range_are_returned()
    {
        var from = Start.AddMinutes(30);
        var to = Start.AddHours(5).AddMinutes(30);

        var candles = await Exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, from, to, null, CancellationToken.None);

        Assert.That(candles.Select(c => c.OpenTime), Is.EqualTo(Enumerable.Range(1, 5).Select(h => Start.AddHours(h))));
    }

    [Test]
    public async Task The_end_of_the_range_is_exclusive()
    {
        var candles = await Exchange.GetCandlesAsync(BtcUsdt, Timeframe.Parse("1d"), Start, Start.AddDays(3), null, CancellationToken.None);

        Assert.That(candles.Select(c => c.OpenTime), Is.EqualTo(new[] { Start, Start.AddDays(1), Start.AddDays(2) }));
    }

    [Test]
    public async Task Missing_candles_stay_missing()
    {
        Server.MissingOpenTimes.UnionWith([Start.AddHours(3), Start.AddHours(4)]);

        var candles = await Exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, Start, Start.AddHours(10), null, CancellationToken.None);

        Assert.That(candles.Select(c => c.OpenTime.Hour), Is.EqualTo(new List<int> { 0, 1, 2, 5, 6, 7, 8, 9 }));
    }

    [Test]
    public async Task A_range_before_the_listing_returns_nothing()
    {
        var candles = await Exchange.GetCandlesAsync(
            BtcUsdt, Timeframe.OneHour, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 2, 1, 0, 0, 0, TimeSpan.Zero), null, CancellationToken.None);

        Assert.That(candles, Is.Empty);
    }

    [Test]
    public async Task The_recorded_Binance_kline_rows_are_read_exactly()
    {
        var recorded = await File.ReadAllTextAsync(SharedFiles.Path("data/binance-rest/klines-BTCUSDT-1h-2024-08-01.json"));
        Server.Enqueue(FakeResponse.Json(recorded));
        var from = new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);

        var candles = await Exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, from, from.AddHours(3), null, CancellationToken.None);

        Assert.That(candles, Is.EqualTo(new[]
        {
            new Candle(from, 64628.01m, 64841.29m, 64316.55m, 64645.90m, 1271.22941m),
            new Candle(from.AddHours(1), 64645.90m, 64816.01m, 64099.00m, 64202.00m, 1394.76324m),
            new Candle(from.AddHours(2), 64202.00m, 64254.00m, 63900.00m, 64110.01m, 1829.24939m),
        }));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_page_going_backwards_is_refused_rather_than_looping()
    {
        var row = """[1704067200000,"1.0","1.0","1.0","1.0","1.0",1704070799999,"1.0",1,"1.0","1.0","0"]""";
        Server.Enqueue(FakeResponse.Json($"[{row}]"), FakeResponse.Json($"[{row}]"));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() =>
            Exchange.GetCandlesAsync(BtcUsdt, Timeframe.OneHour, Start, Start.AddHours(5), null, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("oldest first, each once"));
    }

    private sealed class ListProgress(List<CandleDownloadProgress> reports) : IProgress<CandleDownloadProgress>
    {
        public void Report(CandleDownloadProgress value) => reports.Add(value);
    }
}
