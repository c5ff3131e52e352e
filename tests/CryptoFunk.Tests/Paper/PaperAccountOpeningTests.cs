using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Paper;

/// <summary>
/// An account opened again mid-run (its grain's silo lost) must get every candle live data added since the run
/// started, or rebuilding it from its journal would miss the closes it settled on them.
/// </summary>
public sealed class PaperAccountOpeningTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly MarketSymbol Eth = MarketSymbol.Parse("ETH/USDT");
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_close_that_extended_a_market_replaces_that_market_only_and_keeps_the_order()
    {
        var opening = new PaperAccountOpening("live", 10_000m, [History(Btc, 2), History(Eth, 2)], new Dictionary<MarketSymbol, ExchangeRules>(), OrderBooks: true);
        var longerEth = History(Eth, 3);

        var extended = opening.With([longerEth]);

        Assert.Multiple(() =>
        {
            Assert.That(extended.Markets.Select(m => (m.Symbol, m.Candles.Count)), Is.EqualTo(new[] { (Btc, 2), (Eth, 3) }));
            Assert.That(extended.Markets[1], Is.SameAs(longerEth));
            Assert.That(opening.With([]), Is.SameAs(opening), "a close that extended nothing changes nothing");
            Assert.That(opening.Markets[1].Candles, Has.Count.EqualTo(2), "the opening itself is not changed");
        });
    }

    private static MarketHistory History(MarketSymbol symbol, int candles) =>
        new(symbol, Timeframe.OneHour, [.. Enumerable.Range(0, candles).Select(i => new Candle(Start.AddHours(i), 100m, 101m, 99m, 100.5m, 1m))]);
}
