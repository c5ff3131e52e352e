using CryptoFunk.Markets;

namespace CryptoFunk.Tests.MarketData;

public sealed class CandleGapFinderTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_complete_series_has_no_gaps() =>
        Assert.That(CandleGapFinder.Find(Hours(0, 1, 2, 3), Timeframe.OneHour, Start, Start.AddHours(4)), Is.Empty);

    [Test]
    public void Holes_before_between_and_after_the_candles_are_reported()
    {
        var gaps = CandleGapFinder.Find(Hours(2, 3, 7, 8), Timeframe.OneHour, Start, Start.AddHours(10));

        Assert.That(gaps, Is.EqualTo(new[]
        {
            new CandleGap(Start, Start.AddHours(2), 2),
            new CandleGap(Start.AddHours(4), Start.AddHours(7), 3),
            new CandleGap(Start.AddHours(9), Start.AddHours(10), 1),
        }));
    }

    [Test]
    public void No_candles_at_all_is_one_gap_over_the_whole_range() =>
        Assert.That(
            CandleGapFinder.Find([], Timeframe.OneHour, Start, Start.AddHours(5)),
            Is.EqualTo(new[] { new CandleGap(Start, Start.AddHours(5), 5) }));

    [Test]
    public void A_range_not_on_the_bar_grid_counts_only_whole_missing_bars()
    {
        var from = Start.AddMinutes(30);
        var to = Start.AddHours(3).AddMinutes(30);

        Assert.That(CandleGapFinder.Find(Hours(1, 2, 3), Timeframe.OneHour, from, to), Is.Empty);
        Assert.That(
            CandleGapFinder.Find(Hours(1, 2), Timeframe.OneHour, from, to),
            Is.EqualTo(new[] { new CandleGap(Start.AddHours(3), to, 1) }));
    }

    private static List<Candle> Hours(params int[] hours) =>
        [.. hours.Select(h => new Candle(Start.AddHours(h), 1, 1, 1, 1, 1))];
}
