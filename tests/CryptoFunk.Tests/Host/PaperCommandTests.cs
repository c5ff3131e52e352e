using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host;
using CryptoFunk.Host.Output;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

/// <summary><c>cryptofunk paper</c> live in-process: offline says what to do in one line; replay-only options are refused.</summary>
public sealed class PaperCommandTests : TempDirectoryTest
{
    [Test]
    public async Task Live_with_the_exchange_unreachable_stops_with_one_line_that_suggests_replay()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Exchange:Binance:BaseUrl"] = "http://127.0.0.1:9/",
            ["Exchange:Binance:MaxRetries"] = "0",
            ["Exchange:Binance:RequestTimeout"] = "00:00:02",
        };

        var run = await RunAsync(settings, "paper", "--symbols", "BTC/USDT,ETH/USDT", "--db", $"Data Source={Temp.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("error: could not fetch the candles from binance live ("));
            Assert.That(run.Error, Does.Contain("pass --replay FILE"));
        });
    }

    [Test]
    public async Task Live_refuses_the_options_that_only_replay_has()
    {
        var run = await RunAsync(null, "paper", "--symbols", "BTC/USDT", "--from", "2024-01-01", "--db", $"Data Source={Temp.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.Trim(), Is.EqualTo("error: --from applies to --replay only"));
        });
    }

    [TestCase("Paper:PollInterval", "00:00:00", "Paper:PollInterval must be positive")]
    [TestCase("Paper:OrderBookDepth", "0", "Paper:OrderBookDepth must be 1 to 100")]
    [TestCase("Paper:MarketDataTimeout", "00:00:00", "Paper:MarketDataTimeout must be positive")]
    public async Task An_invalid_live_setting_stops_with_one_line_naming_the_key(string key, string value, string message)
    {
        var run = await RunAsync(new Dictionary<string, string?> { [key] = value }, "paper", "--symbols", "BTC/USDT", "--db", $"Data Source={Temp.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), "bad configuration is bad input");
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("error: invalid configuration: ").And.Contain(message));
        });
    }

    [Test]
    public void A_close_missed_while_down_is_logged_as_settled_not_decided()
    {
        using var output = new StringWriter();
        var time = new DateTimeOffset(2025, 3, 3, 14, 0, 0, TimeSpan.Zero);

        new PaperStepLog(output).Report(new PaperStep(time, Missed: true, [], 10_000m, 10_000m, [], default, 0m));

        Assert.That(output.ToString(), Does.StartWith("2025-03-03T14:00:00Z missed while down, settled, not decided" + Environment.NewLine));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = new Dictionary<string, string?> { ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts") };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(all), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
