using CryptoFunk.Markets;

namespace CryptoFunk.Tests.MarketData;

public sealed class MarketHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MarketHistory Hours(int count, Func<int, decimal>? close = null) =>
        new(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, Enumerable.Range(0, count).Select(i =>
        {
            var c = close?.Invoke(i) ?? 100m + i;
            return new Candle(T0.AddHours(i), c, c + 1, c - 1, c, 10);
        }).ToList());

    [Test]
    public void A_candle_is_visible_only_once_it_has_closed()
    {
        var history = Hours(10);

        Assert.That(history.LastClosedIndex(T0.AddHours(3)), Is.EqualTo(2), "the 03:00 candle is still open at 03:00");
        Assert.That(history.LastClosedIndex(T0.AddHours(3).AddTicks(-1)), Is.EqualTo(1));
        Assert.That(history.LastClosedIndex(T0.AddMinutes(59)), Is.EqualTo(-1));
        Assert.That(history.CandlesUntil(T0.AddHours(5), 3).Select(c => c.OpenTime), Is.EqualTo(new[] { T0.AddHours(2), T0.AddHours(3), T0.AddHours(4) }));
    }

    [Test]
    public void A_planted_future_candle_never_reaches_a_snapshot()
    {
        var history = Hours(300, i => i == 250 ? 1_000_000m : 100m + (i % 7));
        var decision = T0.AddHours(250);

        var snapshot = history.SnapshotAt(decision, recentCandles: 500);

        Assert.That(snapshot.RecentCandles.Max(c => c.High), Is.LessThan(1_000m), "the spike opens at the decision time and closes after it");
        Assert.That(snapshot.RecentCandles.All(c => c.OpenTime + TimeSpan.FromHours(1) <= decision), Is.True);
        Assert.That(snapshot.Indicators.Ema200, Is.LessThan(1_000), "indicators are computed only up to the last closed candle");
        Assert.That(history.SnapshotAt(T0.AddHours(251)).LastCandle.Close, Is.EqualTo(1_000_000m), "an hour later it is history");
        Assert.That(history.FirstCandleFrom(decision)!.Value.Close, Is.EqualTo(1_000_000m), "the broker fills on the next candle");
    }

    [Test]
    public void A_decision_before_any_closed_candle_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Hours(5).SnapshotAt(T0));
        Assert.That(error!.Message, Does.Contain("no BTC/USDT 1h candle had closed by 2024-01-01T00:00:00Z"));
    }
}
