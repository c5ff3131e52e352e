using System.Text.Json;
using CryptoFunk.Host;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// <c>runs</c>, <c>decisions</c>, <c>trades</c> and <c>explain</c> in-process over a short model-driven backtest
/// (a fake OpenAI-compatible model on 127.0.0.1 that buys, and whose oversized approvals code clamps), and the rule
/// that reading never creates a database.
/// </summary>
public sealed class JournalCommandsTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private TempDirectory _dir = null!;
    private string _db = null!;

    [OneTimeSetUp]
    public async Task RunABacktestWithAModel()
    {
        _dir = new TempDirectory();
        _db = $"Data Source={_dir.File("cf.db")}";
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = TradingDesk.Answer;
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1");
        settings["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");
        var backtest = await RunAsync(settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-07", "--db", _db);
        Assert.That(backtest.ExitCode, Is.EqualTo(0), backtest.Error);
    }

    [OneTimeTearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(settings ?? []), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<(int ExitCode, string Output, string Error)> ReadAsync(params string[] args) => RunAsync(null, [.. args, "--db", _db]);

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JsonElement>(line))];

    [Test]
    public async Task Explain_shows_every_section_for_an_entry_whose_trade_closed()
    {
        var buys = Lines((await ReadAsync("decisions", "--action", "BUY", "--json")).Output);
        var closed = buys.First(d => d.GetProperty("executed").GetBoolean() && d.GetProperty("pnl").ValueKind == JsonValueKind.Number);

        var (exitCode, output, error) = await ReadAsync("explain", closed.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(exitCode, Is.EqualTo(0), error);
        string[] expected =
        [
            "DECISION: BUY", "Confidence: 0.70 (High), from trend_following's proposal",
            "AGENTS AND MODELS", "openai/gpt-fake-1", "1000/100",
            "REASONING AND KEY FACTORS", "Fake analyst: bullish.", "• fake", "Fake trend follower: the trend is up.",
            "MARKET CONTEXT (as the agents saw it)", "close ", "rsi14 ",
            "VOTE AND CONSENSUS", "technical_analysis BUY 0.80", "consensus: BUY with 1.00 of the confidence-weighted vote (threshold",
            "PROPOSALS AND THE CHOSEN ONE", "reward/risk 2  <- chosen", "mean_reversion HOLD 0.40", "why: ranked by confidence times reward/risk",
            "RISK AGENT", "risk_management: APPROVE (risk score 0.30), adjusted size 1000", "Fake risk officer: approved at full conviction.",
            "CODE'S CLAMPS AND REFUSALS", "clamp: limit ", "requested 1000", "sizing: quantity ",
            "ORDER AND FILLS", "order entry:BTC/USDT:", "status filled", "fill ", "(market)",
            "OUTCOME", "status: closed", "exit: ", "P&L: ",
        ];
        Assert.Multiple(() =>
        {
            foreach (var text in expected)
            {
                Assert.That(output, Does.Contain(text));
            }
        });
    }

    [Test]
    public async Task Traces_filter_by_run_and_decision_time_and_show_each_decisions_action_and_reason()
    {
        var decisions = Lines((await ReadAsync("decisions", "--json")).Output);
        var run = decisions[0].GetProperty("run").GetString()!;
        var day = decisions.Where(d => d.GetProperty("time").GetString()!.StartsWith("2021-01-05", StringComparison.Ordinal)).ToList();

        var listed = await ReadAsync("traces", "--run", run, "--from", "2021-01-05", "--to", "2021-01-06", "--limit", "1000");
        await TestContext.Out.WriteLineAsync(listed.Output);
        var otherRun = await ReadAsync("traces", "--run", "bt-other");
        var badTime = await ReadAsync("traces", "--from", "yesterday");

        var rows = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(l => !l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listed.ExitCode, Is.Zero, listed.Error);
            Assert.That(rows, Has.Count.EqualTo(day.Count), "one trace per decision of that day (every one asked a model)");
            Assert.That(rows, Has.All.Match(@"  BTC/USDT 2021-01-05T\d\d:00:00Z (BUY|SELL|HOLD|CLOSE): \S"));
            Assert.That(otherRun.Output.Trim(), Is.EqualTo("no stored trace matches"));
            Assert.That(badTime.ExitCode, Is.EqualTo(2));
            Assert.That(badTime.Error, Does.StartWith("error: --from"));
        });
    }

    [Test]
    public async Task Decisions_filter_and_write_one_json_object_per_line()
    {
        var all = Lines((await ReadAsync("decisions", "--json")).Output);
        var run = all[0].GetProperty("run").GetString()!;
        var last = Lines((await ReadAsync("decisions", "--last", "2", "--json")).Output);
        var buys = Lines((await ReadAsync("decisions", "--action", "buy", "--json")).Output);
        var byRun = Lines((await ReadAsync("decisions", "--run", run, "--symbol", "BTC/USDT", "--json")).Output);
        var withRisk = Lines((await ReadAsync("decisions", "--agent", "risk_management", "--json")).Output);
        var otherMarket = await ReadAsync("decisions", "--symbol", "ETH/USDT");
        var otherAccount = Lines((await ReadAsync("decisions", "--account", "nobody", "--json")).Output);
        var table = (await ReadAsync("decisions", "--agent", "risk_management", "--last", "1")).Output;

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.InRange(70, 72), "one decision per bar of three days");
            Assert.That(all.All(d => d.TryGetProperty("id", out _) && d.GetProperty("symbol").GetString() == "BTC/USDT" && d.TryGetProperty("time", out _) && d.TryGetProperty("action", out _)), Is.True);
            Assert.That(last.Select(d => d.GetProperty("id").GetInt64()), Is.EqualTo(all.TakeLast(2).Select(d => d.GetProperty("id").GetInt64())), "the most recent, oldest first");
            Assert.That(buys, Is.Not.Empty);
            Assert.That(buys.All(d => d.GetProperty("action").GetString() == "BUY"), Is.True);
            Assert.That(byRun, Has.Count.EqualTo(all.Count));
            Assert.That(withRisk, Is.Not.Empty);
            Assert.That(withRisk, Has.Count.LessThan(all.Count));
            Assert.That(withRisk.All(d => d.GetProperty("agents").EnumerateArray().Any(a => a.GetProperty("name").GetString() == "risk_management")), Is.True);
            Assert.That(otherMarket.Output, Is.EqualTo("no decisions match" + Environment.NewLine));
            Assert.That(otherAccount, Is.Empty);
            Assert.That(table, Does.StartWith("id  ").And.Contain("risk_management").And.Contain("APPROVE 0.70"));
        });
    }

    [Test]
    public async Task Trades_and_runs_list_what_the_backtest_stored()
    {
        var trades = Lines((await ReadAsync("trades", "--json")).Output);
        var buys = Lines((await ReadAsync("decisions", "--action", "BUY", "--json")).Output);
        var decisions = Lines((await ReadAsync("decisions", "--json")).Output).Count;
        var run = buys[0].GetProperty("run").GetString()!;
        var table = (await ReadAsync("trades", "--run", run)).Output;
        var runs = await ReadAsync("runs");

        Assert.Multiple(() =>
        {
            Assert.That(trades, Is.Not.Empty);
            Assert.That(trades.All(t => t.GetProperty("run").GetString() == run && t.GetProperty("side").GetString() == "long"), Is.True);
            Assert.That(trades.Select(t => t.GetProperty("decision_id").GetInt64()), Is.SubsetOf(buys.Select(d => d.GetProperty("id").GetInt64())), "each trade leads to the decision that opened it");
            Assert.That(table, Does.StartWith("run ").And.Contain(run));
            Assert.That(runs.ExitCode, Is.EqualTo(0), runs.Error);
            Assert.That(runs.Output, Does.StartWith("id ").And.Contain("interruptions"));
            Assert.That(runs.Output, Does.Contain(run).And.Contain("backtest").And.Contain("completed").And.Contain($" {decisions} "));
        });
    }

    [TestCase("decisions", "--last", "0")]
    [TestCase("decisions", "--symbol", "BTCUSDT")]
    [TestCase("decisions", "--action", "WAIT")]
    [TestCase("explain", "999999")]
    [TestCase("traces", "--limit", "0")]
    [TestCase("traces", "--limit", "-3")]
    public async Task A_bad_filter_or_an_unknown_decision_is_one_error_line_and_exit_code_2(params string[] args)
    {
        var (exitCode, output, error) = await ReadAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("error: "));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
        });
    }

    [TestCase("runs")]
    [TestCase("decisions", "--last", "5")]
    [TestCase("trades", "--json")]
    [TestCase("explain", "1")]
    [TestCase("traces")]
    [TestCase("traces", "show", "abc")]
    public async Task Reading_never_creates_a_database(params string[] args)
    {
        using var dir = new TempDirectory();
        var missing = dir.File("missing.db");
        var empty = dir.File("empty.db");
        await File.WriteAllBytesAsync(empty, []);

        var fromMissing = await RunAsync(null, [.. args, "--db", $"Data Source={missing}"]);
        var fromEmpty = await RunAsync(null, [.. args, "--db", $"Data Source={empty}"]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Multiple(() =>
        {
            Assert.That(fromMissing.ExitCode, Is.EqualTo(3));
            Assert.That(fromMissing.Error, Is.EqualTo($"error: no database file {missing}{Environment.NewLine}"));
            Assert.That(File.Exists(missing), Is.False, "no file was created");
            Assert.That(fromEmpty.ExitCode, Is.EqualTo(3));
            Assert.That(fromEmpty.Error, Is.EqualTo($"error: {empty} holds no CryptoFunk journal (its schema was never created){Environment.NewLine}"));
            Assert.That(new FileInfo(empty).Length, Is.Zero, "nothing was written into the empty database");
            Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "empty.db" }));
        });
    }
}
