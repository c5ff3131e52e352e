using System.Globalization;
using CryptoFunk.Host;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

public sealed class DataDownloadCommandTests
{
    private static readonly DateTimeOffset January = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private FakeBinanceServer _server = null!;
    private TempDirectory _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeBinanceServer.StartAsync();
        _folder = new TempDirectory();
    }

    [TearDown]
    public async Task TearDown()
    {
        _folder.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Downloads_two_months_of_hourly_candles_into_the_normalized_csv()
    {
        var path = _folder.File("BTC_USDT-1h.csv");

        var run = await RunAsync("data", "download", "--symbol", "BTC/USDT", "--timeframe", "1h", "--from", "2024-01-01", "--to", "2024-03-01", "--out", path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var hours = (int)(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero) - January).TotalHours;
        var expected = new[] { CandleCsvWriter.Header }
            .Concat(Enumerable.Range(0, hours).Select(h => Row(January.AddHours(h))))
            .ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllLinesAsync(path), Is.EqualTo(expected));
            Assert.That(run.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Output, Does.StartWith($"wrote {hours} BTC/USDT 1h candles from 2024-01-01T00:00:00Z to 2024-03-01T00:00:00Z to {path}; no gaps"));
            Assert.That(_server.Requests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Date_times_with_offsets_are_converted_to_utc_and_to_is_exclusive()
    {
        var path = _folder.File("btc.csv");

        var run = await RunAsync("data", "download", "--symbol", "btc/usdt", "--timeframe", "4h", "--from", "2024-01-01T02:00:00+02:00", "--to", "2024-01-02T00:00Z", "--out", path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.That(lines.Skip(1).Select(l => l[..20]), Is.EqualTo(Enumerable.Range(0, 6).Select(i => Iso(January.AddHours(4 * i)))));
    }

    [Test]
    public async Task Gaps_are_reported_and_never_filled()
    {
        var path = _folder.File("btc.csv");
        _server.MissingOpenTimes.UnionWith([January.AddHours(5), January.AddHours(6), January.AddHours(7), January.AddHours(30)]);

        var run = await RunAsync("data", "download", "--symbol", "BTC/USDT", "--from", "2024-01-01", "--to", "2024-01-03", "--out", path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllLinesAsync(path), Has.Length.EqualTo(1 + 48 - 4));
            Assert.That(run.Output, Does.Contain("wrote 44 BTC/USDT 1h candles").And.Contain("2 gap(s), 4 candles missing (largest 3 from 2024-01-01T05:00:00Z)"));
            Assert.That(run.Error, Does.Contain("gap: 3 candles missing from 2024-01-01T05:00:00Z to 2024-01-01T08:00:00Z"));
            Assert.That(run.Error, Does.Contain("gap: 1 candles missing from 2024-01-02T06:00:00Z to 2024-01-02T07:00:00Z"));
        });
    }

    [Test]
    public async Task A_failing_download_reports_one_error_line_and_leaves_no_file()
    {
        var path = _folder.File("btc.csv");
        _server.Enqueue(FakeResponse.Json($"[{KlineRow(January)}]"), FakeResponse.Status(500), FakeResponse.Status(500));

        var run = await RunAsync("data", "download", "--symbol", "BTC/USDT", "--from", "2024-01-01", "--to", "2024-03-01", "--out", path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(LastLine(run.Error), Does.StartWith("error: download from binance failed: ").And.Contain("HTTP 500"));
            Assert.That(run.Output, Is.Empty);
            Assert.That(Directory.GetFileSystemEntries(_folder.Path), Is.Empty);
        });
    }

    [Test]
    public async Task A_failing_download_keeps_an_existing_file_as_it_was()
    {
        var path = _folder.File("btc.csv");
        await File.WriteAllTextAsync(path, "earlier download");

        var run = await RunAsync("data", "download", "--symbol", "DOGE/EUR", "--from", "2024-01-01", "--to", "2024-01-02", "--out", path);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(LastLine(run.Error), Does.Contain("-1121").And.Contain("Invalid symbol."));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("earlier download"));
        Assert.That(Directory.GetFileSystemEntries(_folder.Path), Has.Length.EqualTo(1));
    }

    [TestCase("--symbol", "BTCUSDT", "--symbol: symbol 'BTCUSDT' is not in the form BASE/QUOTE")]
    [TestCase("--timeframe", "7h", "--timeframe: timeframe '7h' is not one of")]
    [TestCase("--from", "01/02/2024", "--from '01/02/2024' is not a date")]
    [TestCase("--to", "2023-12-31", "--to (2023-12-31) must be after --from (2024-01-01)")]
    [TestCase("--from", "2999-01-01", "--to (2024-02-01) must be after --from (2999-01-01)")]
    [TestCase("--bogus", "1", "Unrecognized command or argument '--bogus'")]
    public async Task Bad_options_give_one_error_line_and_exit_code_2(string option, string value, string message)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--symbol"] = "BTC/USDT",
            ["--from"] = "2024-01-01",
            ["--to"] = "2024-02-01",
            ["--out"] = _folder.File("btc.csv"),
        };
        arguments[option] = value;

        var run = await RunAsync(["data", "download", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain(message));
            Assert.That(_server.Requests, Is.Empty);
            Assert.That(Directory.GetFileSystemEntries(_folder.Path), Is.Empty);
        });
    }

    [Test]
    public async Task A_missing_required_option_gives_one_error_line_and_exit_code_2()
    {
        var run = await RunAsync("data", "download", "--symbol", "BTC/USDT", "--from", "2024-01-01", "--to", "2024-02-01");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.TrimEnd(), Is.EqualTo("error: Option '--out' is required (see --help)"));
    }

    [Test]
    [NonParallelizable]
    public async Task The_base_url_can_come_from_the_environment()
    {
        var path = _folder.File("btc.csv");
        Environment.SetEnvironmentVariable("CRYPTOFUNK_Exchange__Binance__BaseUrl", _server.BaseUrl.ToString());
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = await CryptoFunkApp.RunAsync(
                ["data", "download", "--symbol", "BTC/USDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", path],
                output,
                error,
                configure: null,
                CancellationToken.None);

            Assert.That(exitCode, Is.EqualTo(0), error.ToString());
            Assert.That(await File.ReadAllLinesAsync(path), Has.Length.EqualTo(25));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CRYPTOFUNK_Exchange__Binance__BaseUrl", null);
        }
    }

    private Task<RunResult> RunAsync(params string[] args) => RunAsync(args.AsEnumerable());

    private async Task<RunResult> RunAsync(IEnumerable<string> args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(
            [.. args],
            output,
            error,
            configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Exchange:Binance:BaseUrl"] = _server.BaseUrl.ToString(),
                ["Exchange:Binance:RetryBaseDelay"] = "00:00:00.010",
                ["Exchange:Binance:MaxRetries"] = "1",
                ["Exchange:Binance:RequestTimeout"] = "00:00:05",
            }),
            CancellationToken.None);
        return new RunResult(exitCode, output.ToString(), error.ToString());
    }

    private static string Row(DateTimeOffset openTime)
    {
        var c = FakeBinanceServer.CandleAt(openTime);
        return string.Join(',', Iso(openTime), Number(c.Open), Number(c.High), Number(c.Low), Number(c.Close), Number(c.Volume));
    }

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string KlineRow(DateTimeOffset openTime) =>
        $"[{openTime.ToUnixTimeMilliseconds()},\"1.0\",\"1.0\",\"1.0\",\"1.0\",\"1.0\",{openTime.AddHours(1).ToUnixTimeMilliseconds() - 1},\"1.0\",1,\"1.0\",\"1.0\",\"0\"]";

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1];

    private sealed record RunResult(int ExitCode, string Output, string Error);
}
