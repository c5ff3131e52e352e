using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.MarketData;

public sealed class CandleFileReaderTests
{
    private const string Header = CandleFileReader.NormalizedHeader;
    private const string Good1 = "2024-01-01T00:00:00Z,100,110,90,105,12.5";
    private const string Good2 = "2024-01-01T01:00:00Z,105,106,101,102,3";

    private static Task<CandleSeries> Read(string text) =>
        CandleFileReader.ReadAsync(new StringReader(text), "test.csv", CancellationToken.None);

    private static CandleDataException Rejects(params string[] lines)
    {
        var text = string.Join('\n', lines);
        return Assert.ThrowsAsync<CandleDataException>(() => Read(text))!;
    }

    [Test]
    public async Task Reads_normalized_rows_exactly()
    {
        var series = await Read($"{Header}\n{Good1}\n{Good2}\n");

        Assert.That(series.Candles, Has.Count.EqualTo(2));
        Assert.That(series.Candles[0], Is.EqualTo(new Candle(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 100m, 110m, 90m, 105m, 12.5m)));
        Assert.That(series.Timeframe, Is.EqualTo(Timeframe.OneHour));
        Assert.That(series.Gaps, Is.Empty);
    }

    [Test]
    public async Task Zero_volume_is_valid()
    {
        var series = await Read($"{Header}\n2024-01-01T00:00:00Z,100,100,100,100,0");
        Assert.That(series.Candles[0].Volume, Is.Zero);
    }

    [TestCase("2024-01-01T01:00:00Z,abc,106,101,102,3", "open 'abc' is not a number")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,1.2.3,3", "close '1.2.3' is not a number")]
    [TestCase("2024-01-01T01:00:00Z,105,NaN,101,102,3", "high is 'NaN', which is not a finite number")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,102,Infinity", "volume is 'Infinity', which is not a finite number")]
    [TestCase("2024-01-01T01:00:00Z,0,106,0,102,3", "open price 0 is not positive")]
    [TestCase("2024-01-01T01:00:00Z,105,106,-1,102,3", "low price -1 is not positive")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,102,-3", "volume -3 is negative")]
    [TestCase("2024-01-01T01:00:00Z,105,100,101,100.5,3", "high 100 is below low 101")]
    [TestCase("2024-01-01T01:00:00Z,107,106,101,102,3", "open 107 is outside the bar's range low 101 .. high 106")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,100,3", "close 100 is outside the bar's range low 101 .. high 106")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,,3", "close is empty")]
    [TestCase("2024-01-01T01:00:00Z,105,106,101,102", "expected 6 columns")]
    [TestCase("2024-01-01T01:00:00,105,106,101,102,3", "has no UTC designator")]
    [TestCase("01/01/2024 01:00:00Z,105,106,101,102,3", "is not an ISO-8601 date and time")]
    [TestCase("2024-01-01T00:00:00Z,105,106,101,102,3", "duplicate timestamp 2024-01-01T00:00:00Z (first seen on line 2)")]
    [TestCase("2023-12-31T23:00:00Z,105,106,101,102,3", "is earlier than the previous row's 2024-01-01T00:00:00Z")]
    public void Rejects_a_bad_row_naming_file_line_and_reason(string badRow, string reason)
    {
        var error = Rejects(Header, Good1, badRow);

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Reason, Does.Contain(reason));
        Assert.That(error.Message, Does.StartWith("test.csv:3: "));
    }

    [Test]
    public void Rejects_a_duplicate_that_is_not_adjacent()
    {
        var error = Rejects(Header, Good1, Good2, "2024-01-01T02:00:00Z,102,103,101,102,1", "2024-01-01T01:00:00Z,102,103,101,102,1");

        Assert.That(error.Line, Is.EqualTo(5));
        Assert.That(error.Reason, Does.Contain("duplicate timestamp 2024-01-01T01:00:00Z (first seen on line 3)"));
    }

    [Test]
    public void Rejects_an_unknown_header()
    {
        var error = Rejects("date,open,high,low,close,volume", Good1);

        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Reason, Does.Contain("unrecognized first line"));
    }

    [Test]
    public void Rejects_an_empty_line_inside_the_data()
    {
        var error = Rejects(Header, Good1, "", Good2);
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Reason, Does.Contain("empty line"));
    }

    [Test]
    public void Rejects_a_file_without_candles()
    {
        Assert.That(Rejects(Header).Reason, Does.Contain("no candles"));
    }

    [Test]
    public void Rejects_a_bar_off_the_time_grid()
    {
        var error = Rejects(Header, Good1, Good2, "2024-01-01T02:00:00Z,102,103,101,102,1", "2024-01-01T03:30:00Z,102,103,101,102,1");

        Assert.That(error.Line, Is.EqualTo(5));
        Assert.That(error.Reason, Does.Contain("not a whole number of the file's 01:00:00 bars"));
    }

    [Test]
    public void Missing_file_is_named()
    {
        var error = Assert.ThrowsAsync<CandleDataException>(() => CandleFileReader.ReadAsync("/nonexistent/candles.csv", CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("/nonexistent/candles.csv").And.Contain("file not found"));
    }

    [Test]
    public async Task Reports_gaps_without_filling_them()
    {
        var series = await Read($"{Header}\n{Good1}\n{Good2}\n2024-01-01T05:00:00Z,102,103,101,102,1\n");

        Assert.That(series.Candles, Has.Count.EqualTo(3));
        Assert.That(series.Gaps, Has.Count.EqualTo(1));
        Assert.That(series.Gaps[0], Is.EqualTo(new CandleGap(new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 5, 0, 0, TimeSpan.Zero), 3)));
    }

    [Test]
    public async Task Real_btc_hourly_file_has_the_manifest_gaps()
    {
        var series = await CandleFileReader.ReadAsync(SharedFiles.Path("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"), CancellationToken.None);

        Assert.That(series.Candles, Has.Count.EqualTo(45_024));
        Assert.That(series.Timeframe, Is.EqualTo(Timeframe.OneHour));
        Assert.That(series.Gaps, Has.Count.EqualTo(27));
        Assert.That(series.MissingCandles, Is.EqualTo(127));
        var largest = series.Gaps.MaxBy(g => g.MissingCount)!;
        Assert.That(largest.From, Is.EqualTo(new DateTimeOffset(2018, 2, 8, 1, 0, 0, TimeSpan.Zero)), "the manifest lists this gap as 33 bars after 2018-02-08T00:00Z");
        Assert.That(largest.MissingCount, Is.EqualTo(33));
        Assert.That(series.Candles.Count(c => c.Volume == 0), Is.EqualTo(3));
    }

    [Test]
    public async Task Reads_a_raw_binance_kline_dump()
    {
        var series = await CandleFileReader.ReadAsync(SharedFiles.Path("data/binance-rest/BTCUSDT-1h-2024-08.raw-first5.csv"), CancellationToken.None);

        Assert.That(series.Candles, Has.Count.EqualTo(5));
        Assert.That(series.Candles[0], Is.EqualTo(new Candle(DateTimeOffset.FromUnixTimeMilliseconds(1722470400000), 64628.01m, 64841.29m, 64316.55m, 64645.90m, 1271.22941m)));
        Assert.That(series.Timeframe, Is.EqualTo(Timeframe.OneHour));
    }

    [Test]
    public async Task Binance_dump_agrees_with_the_normalized_file_of_the_same_month()
    {
        var raw = await CandleFileReader.ReadAsync(SharedFiles.Path("data/binance-rest/BTCUSDT-1h-2024-08.raw-first5.csv"), CancellationToken.None);
        var normalized = await CandleFileReader.ReadAsync(SharedFiles.Path("data/candles/binance-spot-2024-08/BTC_USDT-1h-2024-08.csv"), CancellationToken.None);

        Assert.That(normalized.Candles.Take(5), Is.EqualTo(raw.Candles));
    }

    [Test]
    public async Task Reads_binance_microsecond_timestamps_and_header()
    {
        const string text = """
            open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore
            1735689600000000,93576.00,94509.42,93489.03,94401.14,755.99,1735693199999999,71077570.3,120001,400.1,37600000.1,0
            """;
        var series = await Read(text);

        Assert.That(series.Candles[0].OpenTime, Is.EqualTo(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("1722470400000,64628.01,64841.29,64316.55,64645.90,1271.2,1722473999999,1,2,3,4", "expected 12 columns")]
    [TestCase("1722470400000,64628.01,64841.29,64316.55,64645.90,1271.2,1722470400000,1,2,3,4,0", "close_time 2024-08-01T00:00:00Z is not after open_time")]
    [TestCase("1722470400000,64628.01,64841.29,64316.55,x,1271.2,1722473999999,1,2,3,4,0", "close 'x' is not a number")]
    public void Rejects_a_bad_binance_row(string badRow, string reason)
    {
        var error = Rejects("1722466800000,64600,64700,64500,64628.01,1,1722470399999,1,2,3,4,0", badRow);

        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Reason, Does.Contain(reason));
    }
}
