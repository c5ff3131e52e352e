using System.Globalization;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.MarketData;

public sealed class CandleCsvWriterTests
{
    private static readonly DateTimeOffset Start = new(2017, 8, 17, 4, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Writes_the_normalized_header_and_rows()
    {
        using var folder = new TempDirectory();
        var path = folder.File("btc.csv");

        await CandleCsvWriter.WriteFileAsync(path, [
            new Candle(Start, 4261.48000000m, 4485.39m, 4200.74m, 4285.08m, 795.150377m),
            new Candle(Start.AddHours(1), 4285.08m, 4371.52m, 3938.77m, 4108.37m, 0m),
        ], CancellationToken.None);

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(
            "timestamp,open,high,low,close,volume\n" +
            "2017-08-17T04:00:00Z,4261.48,4485.39,4200.74,4285.08,795.150377\n" +
            "2017-08-17T05:00:00Z,4285.08,4371.52,3938.77,4108.37,0\n"));
    }

    [Test]
    public async Task Values_round_trip_exactly()
    {
        Candle[] candles =
        [
            new(Start, 0.00000001m, 123456789012.12345678m, 0.00000001m, 100m, 1000000m),
            new(Start.AddMilliseconds(1500), 64628.01000000m, 64841.29m, 64316.55m, 64645.90m, 1271.22941000m),
        ];
        var writer = new StringWriter();

        await CandleCsvWriter.WriteAsync(writer, candles, CancellationToken.None);

        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(ParseRow).ToList();
        Assert.That(rows, Is.EqualTo(candles));
        Assert.That(writer.ToString(), Does.Contain("2017-08-17T04:00:01.5Z,64628.01,"));
    }

    [Test]
    public void Candles_out_of_order_are_refused_and_no_file_is_left()
    {
        using var folder = new TempDirectory();
        var path = folder.File("btc.csv");
        Candle[] candles = [new(Start.AddHours(1), 1, 1, 1, 1, 1), new(Start, 1, 1, 1, 1, 1)];

        var exception = Assert.ThrowsAsync<ArgumentException>(() => CandleCsvWriter.WriteFileAsync(path, candles, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("ascending open-time order"));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.Empty);
    }

    [Test]
    public async Task A_write_that_fails_midway_leaves_the_previous_file_untouched_and_no_temporary_file()
    {
        using var folder = new TempDirectory();
        var path = folder.File("btc.csv");
        await File.WriteAllTextAsync(path, "previous content");

        Assert.ThrowsAsync<InvalidOperationException>(() => CandleCsvWriter.WriteFileAsync(path, FailingCandles(), CancellationToken.None));

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("previous content"));
        Assert.That(Directory.GetFileSystemEntries(folder.Path), Is.EqualTo(new[] { path }));
    }

    [Test]
    public async Task Creates_the_folder_and_replaces_an_existing_file()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "nested", "btc.csv");
        await CandleCsvWriter.WriteFileAsync(path, [new Candle(Start, 1, 1, 1, 1, 1)], CancellationToken.None);

        await CandleCsvWriter.WriteFileAsync(path, [new Candle(Start, 2, 2, 2, 2, 2)], CancellationToken.None);

        Assert.That(await File.ReadAllTextAsync(path), Does.EndWith("2017-08-17T04:00:00Z,2,2,2,2,2\n"));
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1));
    }

    [TestCase("1.10000000", "1.1")]
    [TestCase("100", "100")]
    [TestCase("100.00", "100")]
    [TestCase("0.00000001", "0.00000001")]
    [TestCase("-2.50", "-2.5")]
    public void Decimals_lose_only_trailing_zeros(string value, string expected) =>
        Assert.That(CandleCsvWriter.FormatDecimal(decimal.Parse(value, CultureInfo.InvariantCulture)), Is.EqualTo(expected));

    private static Candle ParseRow(string line)
    {
        var cells = line.Split(',');
        Assert.That(cells, Has.Length.EqualTo(6), line);
        decimal Number(int i) => decimal.Parse(cells[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var time = DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new Candle(time, Number(1), Number(2), Number(3), Number(4), Number(5));
    }

    private static IEnumerable<Candle> FailingCandles()
    {
        yield return new Candle(Start, 1, 1, 1, 1, 1);
        throw new InvalidOperationException("the download broke");
    }
}
