using System.Text.Json.Nodes;
using CryptoFunk.Host;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Orchestration;
using CryptoFunk.Trading.Risk;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Host;

/// <summary><c>cryptofunk backtest</c> end to end in-process: the 2021 run is reproducible, downloads are cached, offline says what to do.</summary>
public sealed class BacktestCommandTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = new Dictionary<string, string?>
        {
            ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
            ["Backtest:CacheDirectory"] = _dir.File("cache"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(all), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public async Task The_2021_rules_backtest_twice_gives_the_same_summary_apart_from_the_run_fields()
    {
        var db = $"Data Source={_dir.File("cf.db")}";
        string[] Args(string json) => ["backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-01", "--to", "2022-01-01", "--db", db, "--json", json];

        var first = await RunAsync(null, Args(_dir.File("first.json")));
        var second = await RunAsync(null, Args(_dir.File("second.json")));

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
            Assert.That(second.ExitCode, Is.EqualTo(0), second.Error);
            Assert.That(first.Output, Does.Contain("rules only (same run)"));
            Assert.That(first.Output, Does.Contain("buy and hold"));
            Assert.That(first.Output, Does.Contain("mode rules"));
            Assert.That(first.Output, Does.StartWith("note: 9 gaps (19 missing candles, largest 4 from 2020-12-21 14:00Z)"), "gaps reported as `indicators` reports them");
        });
        var a = JsonNode.Parse(await File.ReadAllTextAsync(_dir.File("first.json")))!.AsObject();
        var b = JsonNode.Parse(await File.ReadAllTextAsync(_dir.File("second.json")))!.AsObject();
        Assert.That(a["run"]!["id"]!.GetValue<string>(), Is.Not.EqualTo(b["run"]!["id"]!.GetValue<string>()), "two runs, both stored");
        a.Remove("run");
        b.Remove("run");
        Assert.Multiple(() =>
        {
            Assert.That(a.ToJsonString(), Is.EqualTo(b.ToJsonString()));
            Assert.That(a["bars"]!.GetValue<int>(), Is.GreaterThan(8_700));
            Assert.That(a["decisions"]!["total"]!.GetValue<int>(), Is.EqualTo(a["bars"]!.GetValue<int>() - 1));
            Assert.That(a["buy_and_hold"]!["total_return"]!.GetValue<decimal>(), Is.GreaterThan(0.5m), "BTC rose about 60% in 2021");
        });
    }

    [Test]
    public async Task The_summary_and_json_count_refusals_by_reason_as_the_stored_decisions_give_them()
    {
        // A 6% drawdown halt and a pessimistic prior make the gate refuse often, for more than one reason.
        var settings = new Dictionary<string, string?> { ["Risk:HaltDrawdownFraction"] = "0.06", ["Risk:PriorWinProbability"] = "0.4" };
        var summary = _dir.File("summary.json");

        var run = await RunAsync(settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-01", "--to", "2021-05-01", "--db", $"Data Source={_dir.File("cf.db")}", "--json", summary);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(summary))!.AsObject();
        var counted = json["decisions"]!["refusals_by_reason"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<int>());
        await using var services = DecisionFixtures.Services(_dir);
        var decisions = await services.GetRequiredService<TradingStore>().DecisionsAsync(json["run"]!["id"]!.GetValue<string>(), CancellationToken.None);
        var expected = new Dictionary<string, string>
            {
                [RefusalCodes.DrawdownHalt] = "trading is halted: ",
                [RefusalCodes.NoEdge] = "no edge: ",
                [RefusalCodes.PortfolioRisk] = "portfolio risk budget used up",
                [RefusalCodes.NoCash] = "no cash is available",
            }
            .Select(c => (Code: c.Key, Count: decisions.Count(d => d.Reason.Contains(c.Value, StringComparison.Ordinal))))
            .Where(c => c.Count > 0)
            .ToDictionary(c => c.Code, c => c.Count);

        Assert.Multiple(() =>
        {
            Assert.That(expected.Keys, Is.SupersetOf(new[] { RefusalCodes.DrawdownHalt, RefusalCodes.NoEdge }));
            Assert.That(counted, Is.EqualTo(expected));
            Assert.That(json["decisions"]!["clamps_by_limit"]!.AsObject(), Is.Empty, "the rules propose no quantity, so nothing is clamped");
            Assert.That(run.Output, Does.Contain($"refusals by reason: {string.Join(", ", expected.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}; clamps by limit: none\n"));
        });
    }

    [Test]
    public async Task A_capital_too_small_for_the_exchange_refuses_entries_instead_of_placing_dust_orders()
    {
        var summary = _dir.File("summary.json");

        var run = await RunAsync(null, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-01", "--to", "2021-03-01", "--capital", "0.01", "--db", $"Data Source={_dir.File("cf.db")}", "--json", summary);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(summary))!.AsObject();
        var runId = json["run"]!["id"]!.GetValue<string>();
        await using var services = DecisionFixtures.Services(_dir);
        var store = services.GetRequiredService<TradingStore>();
        var decisions = await store.DecisionsAsync(runId, CancellationToken.None);
        var refused = decisions.Where(d => d.RefusalCodes == RefusalCodes.BelowMinQuantity).ToList();
        var orders = await store.OrdersAsync(runId, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(json["decisions"]!["refusals_by_reason"]![RefusalCodes.BelowMinQuantity]!.GetValue<int>(), Is.EqualTo(refused.Count).And.GreaterThan(0));
            Assert.That(refused[0].Reason, Does.Match(@": 0\.0000001\d+ BTC is below the minimum quantity 0\.00001 BTC of BTC/USDT"));
            Assert.That(orders, Is.Empty, "no order reached the broker");
            Assert.That(run.Output, Does.Contain("buy and hold bought nothing: ").And.Contain("below the minimum quantity 0.00001 BTC of BTC/USDT"));
            Assert.That(json["buy_and_hold"]!["total_return"]!.GetValue<decimal>(), Is.Zero, "the baseline could not buy either");
        });
    }

    [Test]
    public async Task A_bad_exchange_rule_stops_with_one_line_naming_the_key()
    {
        var run = await RunAsync(
            new Dictionary<string, string?> { ["Exchange:Rules:BTC_USDT:MinQuantity"] = "abc" },
            "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", $"Data Source={_dir.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), "bad configuration is bad input");
            Assert.That(run.Error.Trim(), Is.EqualTo("error: invalid configuration: Exchange:Rules:BTC_USDT:MinQuantity must be a number, zero or more (got 'abc')"));
            Assert.That(run.Output, Is.Empty);
        });
    }

    [Test]
    public async Task Without_data_the_candles_are_downloaded_once_and_cached()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Exchange:Binance:BaseUrl"] = binance.BaseUrl.ToString() };
        string[] args = ["backtest", "--symbol", "BTC/USDT", "--from", "2024-01-10", "--to", "2024-01-12", "--db", $"Data Source={_dir.File("cf.db")}"];

        var first = await RunAsync(settings, args);
        var requests = binance.Requests.Count;
        var second = await RunAsync(settings, args);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
            Assert.That(first.Output, Does.Contain("Backtest BTC/USDT 1h from 2024-01-10T01:00:00Z"));
            Assert.That(requests, Is.GreaterThan(0));
            Assert.That(Directory.GetFiles(_dir.File("cache")), Has.Length.EqualTo(1));
            Assert.That(second.ExitCode, Is.EqualTo(0), second.Error);
            Assert.That(binance.Requests, Has.Count.EqualTo(requests), "the second run reads the cache");
        });
    }

    [Test]
    public async Task Offline_without_data_stops_with_one_line_that_suggests_data()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Exchange:Binance:BaseUrl"] = "http://127.0.0.1:9/",
            ["Exchange:Binance:MaxRetries"] = "0",
            ["Exchange:Binance:RequestTimeout"] = "00:00:02",
        };

        var run = await RunAsync(settings, "backtest", "--symbol", "BTC/USDT", "--from", "2024-01-10", "--to", "2024-01-12", "--db", $"Data Source={_dir.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("error: could not download BTC/USDT 1h candles ("));
            Assert.That(run.Error, Does.Contain("pass --data FILE"));
        });
    }

    [TestCase("Llm:Budget:MaxUsdPerRun", "0")]
    [TestCase("Llm:Budget:MaxUsdPerDay", "-1")]
    public async Task A_budget_limit_that_is_not_positive_stops_with_one_line_naming_the_key(string key, string value)
    {
        var result = await RunAsync(
            new Dictionary<string, string?> { [key] = value },
            "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", $"Data Source={_dir.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), "bad configuration is bad input");
            Assert.That(result.Error.Trim(), Does.StartWith($"error: invalid configuration: {key} must be positive (got {value})"));
            Assert.That(result.Output, Is.Empty);
        });
    }

    [Test]
    public async Task A_file_of_another_interval_is_refused_naming_the_file()
    {
        var daily = SharedFiles.Path("data/candles/binance-spot-2017-2022/BTC_USDT-1d.csv");

        var run = await RunAsync(null, "backtest", "--data", daily, "--symbol", "BTC/USDT", "--db", $"Data Source={_dir.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("BTC_USDT-1d.csv holds 1d candles but --interval is 1h; pass --interval 1d"));
        });
    }
}
