using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Tests.Fakes;

namespace CryptoFunk.Tests.Exchanges;

/// <summary>
/// <c>GET /api/v3/exchangeInfo?symbols=[...]</c>: the order rules of every market asked for in one request, read from
/// LOT_SIZE, NOTIONAL (or the older MIN_NOTIONAL) and PRICE_FILTER; anything missing is an error, never a guess.
/// </summary>
public sealed class BinanceExchangeRulesTests : BinanceExchangeTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly MarketSymbol Eth = MarketSymbol.Parse("ETH/USDT");


    [Test]
    public async Task The_rules_of_every_market_come_in_one_request()
    {
        var rules = await Exchange.GetExchangeRulesAsync([Btc, Eth], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(rules[Btc], Is.EqualTo(new ExchangeRules(0.00001m, 0.00001m, 5m, 0.01m)));
            Assert.That(rules[Eth], Is.EqualTo(new ExchangeRules(0.0001m, 0.0001m, 5m, 0.01m)));
            Assert.That(Server.Requests.Single().Path, Is.EqualTo("/api/v3/exchangeInfo"));
            Assert.That(Server.Requests.Single().Query, Does.ContainKey("symbols").WithValue("""["BTCUSDT","ETHUSDT"]"""));
        });
    }

    [Test]
    public async Task The_older_min_notional_filter_is_read_too()
    {
        Server.Enqueue(FakeResponse.Json("""
            {"symbols":[{"symbol":"BTCUSDT","filters":[
             {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
             {"filterType":"LOT_SIZE","minQty":"0.00000100","maxQty":"9000.00000000","stepSize":"0.00000100"},
             {"filterType":"MIN_NOTIONAL","minNotional":"10.00000000","applyToMarket":true,"avgPriceMins":5}]}]}
            """));

        var rules = await Exchange.GetExchangeRulesAsync([Btc], CancellationToken.None);

        Assert.That(rules[Btc], Is.EqualTo(new ExchangeRules(0.000001m, 0.000001m, 10m, 0.01m)));
    }

    [Test]
    public void A_market_theExchange_does_not_list_is_refused_with_its_error()
    {
        var refused = Assert.CatchAsync<ExchangeException>(() => Exchange.GetExchangeRulesAsync([MarketSymbol.Parse("NOPE/USDT")], CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("Invalid symbol"));
    }

    [Test]
    public void An_answer_without_a_lot_size_filter_is_an_error_not_a_guess()
    {
        Server.Enqueue(FakeResponse.Json("""
            {"symbols":[{"symbol":"BTCUSDT","filters":[
             {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
             {"filterType":"NOTIONAL","minNotional":"5.00000000"}]}]}
            """));

        var refused = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetExchangeRulesAsync([Btc], CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("exchange info of BTCUSDT").And.Contain("has no LOT_SIZE filter"));
    }

    [Test]
    public void An_answer_missing_a_market_asked_for_is_an_error()
    {
        Server.Enqueue(FakeResponse.Json("""{"symbols":[]}"""));

        var refused = Assert.ThrowsAsync<ExchangeResponseException>(() => Exchange.GetExchangeRulesAsync([Btc], CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("has no entry for BTCUSDT"));
    }
}
