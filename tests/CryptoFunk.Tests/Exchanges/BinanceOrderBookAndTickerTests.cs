using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Tests.Fakes;

namespace CryptoFunk.Tests.Exchanges;

public sealed class BinanceOrderBookAndTickerTests : BinanceExchangeTests
{
    private static readonly MarketSymbol BtcUsdt = MarketSymbol.Parse("BTC/USDT");

    private InstantTimeProvider _clock = null!;

    protected override TimeProvider NewClock() => _clock = new InstantTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 30, TimeSpan.Zero));

    [Test]
    public async Task Order_book_levels_are_read_as_exact_decimals_best_first()
    {
        var book = await Exchange.GetOrderBookAsync(BtcUsdt, 5, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(book.Symbol, Is.EqualTo(BtcUsdt));
            Assert.That(book.LastUpdateId, Is.EqualTo(1027024));
            Assert.That(book.Time, Is.EqualTo(_clock.GetUtcNow()));
            Assert.That(book.Bids, Has.Count.EqualTo(5));
            Assert.That(book.Asks, Has.Count.EqualTo(5));
            Assert.That(book.BestBid, Is.EqualTo(new OrderBookLevel(64000.00m, 0.5m)));
            Assert.That(book.BestAsk, Is.EqualTo(new OrderBookLevel(64000.01m, 0.25m)));
            Assert.That(book.Bids[4], Is.EqualTo(new OrderBookLevel(63999.96m, 0.504m)));
            Assert.That(book.Asks[4], Is.EqualTo(new OrderBookLevel(64000.05m, 0.258m)));
            Assert.That(Server.Requests.Single().Query, Does.ContainKey("limit").WithValue("5"));
            Assert.That(Server.Requests.Single().Query, Does.ContainKey("symbol").WithValue("BTCUSDT"));
        });
    }

    [TestCase(0)]
    [TestCase(5001)]
    public void Order_book_depth_outside_Binance_limits_is_refused_before_sending(int depth)
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Exchange.GetOrderBookAsync(BtcUsdt, depth, CancellationToken.None));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void An_order_book_level_that_is_not_a_pair_of_decimal_strings_is_refused()
    {
        Server.Enqueue(FakeResponse.Json("""{"lastUpdateId":1,"bids":[["1.0","2.0"],["0.9",3]],"asks":[]}"""));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetOrderBookAsync(BtcUsdt, 5, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("bids level 1").And.Contain("[price, quantity]"));
    }

    [Test]
    public void Order_book_sides_out_of_order_are_refused()
    {
        Server.Enqueue(FakeResponse.Json("""{"lastUpdateId":1,"bids":[["1.0","2.0"]],"asks":[["2.0","1.0"],["1.5","1.0"]]}"""));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetOrderBookAsync(BtcUsdt, 5, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("asks level 1").And.Contain("out of order"));
    }

    [Test]
    public async Task Ticker_fields_are_read_as_exact_decimals()
    {
        var ticker = await Exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None);

        var close = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.That(ticker, Is.EqualTo(new Ticker24h(
            BtcUsdt,
            LastPrice: 63965.44m,
            LastQuantity: 0.0015m,
            BidPrice: 63965.43m,
            BidQuantity: 2.71828m,
            AskPrice: 63965.44m,
            AskQuantity: 0.31415m,
            OpenPrice: 65200m,
            HighPrice: 65500.99m,
            LowPrice: 63500m,
            PreviousClosePrice: 65200.01m,
            WeightedAveragePrice: 64012.3456789m,
            PriceChange: -1234.56m,
            PriceChangePercent: -1.893m,
            Volume: 21345.6789m,
            QuoteVolume: 1366390000.12345678m,
            OpenTime: close.AddDays(-1),
            CloseTime: close,
            TradeCount: 1234568)));
        Assert.That(Server.Requests.Single().Path, Is.EqualTo("/api/v3/ticker/24hr"));
    }

    [Test]
    public void A_ticker_with_a_missing_field_is_refused_naming_the_field()
    {
        Server.Enqueue(FakeResponse.Json("""{"symbol":"BTCUSDT","lastPrice":"1.0"}"""));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("'lastQty'"));
    }

    [Test]
    public void A_ticker_for_another_market_is_refused()
    {
        Server.Enqueue(FakeResponse.Json("""{"symbol":"ETHUSDT"}"""));

        var exception = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("not about BTCUSDT"));
    }

    [Test]
    public async Task A_high_used_weight_reported_by_Binance_holds_the_next_request_until_the_next_minute()
    {
        Server.ReportedUsedWeight = 4799;

        await Exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None);
        await Exchange.GetTicker24hAsync(BtcUsdt, CancellationToken.None);

        Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
    }
}
