using System.Text.Json.Nodes;
using CryptoFunk.Host;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Paper;

/// <summary><c>cryptofunk paper --replay</c> in-process: one account across two markets, its limits, its inputs, its stop.</summary>
public sealed class PaperCommandTests : TempDirectoryTest
{
    [Test]
    public async Task The_portfolio_risk_limit_binds_across_two_markets_deciding_at_the_same_close()
    {
        // Room for one trade's 2% risk: a second market entering at the same close finds the budget used by the first.
        var settings = new Dictionary<string, string?> { ["Risk:MaxPortfolioRiskFraction"] = "0.025" };
        var (exitCode, _, error) = await RunAsync(settings, [.. Replay("2021-01-01", "2021-02-01"), "--db", Db, "--json", Temp.File("s.json")]);
        Assert.That(exitCode, Is.EqualTo(0), error);

        var decisions = await new TradingStore(new CryptoFunkDbContextFactory(Db)).DecisionsAsync("paper-paper", CancellationToken.None);
        var checkedAgain = decisions.Where(d => d.Reason.Contains("once earlier markets had traded at this close", StringComparison.Ordinal)).ToList();
        Assert.That(checkedAgain, Is.Not.Empty, "some close had both markets entering");
        Assert.Multiple(() =>
        {
            foreach (var later in checkedAgain)
            {
                var earlier = decisions.Single(d => d.DecisionTime == later.DecisionTime && d.Symbol == "BTC/USDT");
                Assert.That(later.Symbol, Is.EqualTo("ETH/USDT"), "markets execute in --symbols order");
                Assert.That(earlier.OrderId, Is.Not.Null, $"BTC/USDT traded first at {later.DecisionTime:O}");
                Assert.That($"{later.RefusalCodes} {later.ClampLimits}", Does.Contain("portfolio_risk"), later.Reason);
            }
        });
    }

    [Test]
    public async Task Stopped_by_ctrl_c_it_finishes_the_step_stores_everything_and_exits_0()
    {
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var lines = new LineCountingWriter(output, " account equity ", 50, stop);
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync([.. Replay("2021-01-01", "2021-02-01"), "--db", Db, "--json", Temp.File("s.json")], lines, error, Configure(null), stop.Token);

        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("s.json")))!;
        var run = await new TradingStore(new CryptoFunkDbContextFactory(Db)).RunAsync("paper-paper", CancellationToken.None);
        var decisions = await new TradingStore(new CryptoFunkDbContextFactory(Db)).DecisionsAsync("paper-paper", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error.ToString());
            Assert.That(output.ToString(), Does.Contain("paper stopped: account paper"));
            Assert.That(summary["run"]!["stopped_by_user"]!.GetValue<bool>(), Is.True);
            Assert.That(run!.Status, Is.EqualTo(TradingRunStatuses.Stopped));
            Assert.That(summary["closes"]!.GetValue<int>(), Is.InRange(50, 743), "stopped well before the end of January");
            Assert.That(decisions, Has.Count.EqualTo(2 * summary["closes"]!.GetValue<int>()), "every close acted on is stored, both markets decided");
        });
    }

    [TestCase("--replay", "a.csv", "names 1 file(s) but --symbols names 2 market(s)")]
    [TestCase("--speed", "fast", "--speed must be a positive number or max, was 'fast'")]
    [TestCase("--account", "no spaces", "--account 'no spaces' must be 1 to 40 letters")]
    [TestCase("--from", "yesterday", "--from")]
    public async Task A_bad_option_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        var args = Replay("2021-01-01", "2021-01-03").ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exitCode, _, error) = await RunAsync(null, [.. args, "--db", Db]);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain(message));
            Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task A_replay_with_a_capital_too_small_for_the_exchange_refuses_entries_instead_of_placing_dust_orders()
    {
        var (exitCode, _, error) = await RunAsync(null, [.. Replay("2021-01-01", "2021-02-01"), "--capital", "0.01", "--db", Db]);
        Assert.That(exitCode, Is.EqualTo(0), error);

        var store = new TradingStore(new CryptoFunkDbContextFactory(Db));
        var decisions = await store.DecisionsAsync("paper-paper", CancellationToken.None);
        var refused = decisions.Where(d => d.RefusalCodes == "below_min_quantity").ToList();
        var orders = await store.OrdersAsync("paper-paper", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Select(d => d.Symbol).Distinct(), Is.EquivalentTo(new[] { "BTC/USDT", "ETH/USDT" }));
            Assert.That(refused.Where(d => d.Symbol == "ETH/USDT").Select(d => d.Reason), Has.All.Contains("below the minimum quantity 0.0001 ETH of ETH/USDT"));
            Assert.That(orders, Is.Empty, "no order reached the broker");
        });
    }

    [Test]
    public async Task An_account_continues_only_with_the_markets_interval_and_capital_it_started_with()
    {
        var first = await RunAsync(null, [.. Replay("2021-01-01", "2021-01-03"), "--db", Db]);
        var other = await RunAsync(null, [.. Replay("2021-01-01", "2021-01-03"), "--capital", "5000", "--db", Db]);
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
            Assert.That(other.ExitCode, Is.EqualTo(2));
            Assert.That(other.Error, Does.Contain("account paper trades BTC/USDT,ETH/USDT 1h with capital 10000"));
        });
    }

    [Test]
    public async Task A_paper_account_is_judged_against_the_same_baselines_a_backtest_of_its_candles_computes()
    {
        // One market, one window, the same fake model: paper's end-of-run baselines must be the backtest's, figure for figure.
        await using var model = await TradingDeskModel.StartAsync();
        var data = Data("BTC_USDT-1h-2021.csv");
        var paper = await RunAsync(model.Settings, ["paper", "--symbols", "BTC/USDT", "--replay", data, "--from", "2021-01-04", "--to", "2021-01-09", "--db", Db, "--json", Temp.File("p.json")]);
        var backtest = await RunAsync(model.Settings, ["backtest", "--data", data, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-09", "--db", Db, "--json", Temp.File("b.json")]);
        Assert.That(paper.ExitCode, Is.EqualTo(0), paper.Error);
        Assert.That(backtest.ExitCode, Is.EqualTo(0), backtest.Error);

        var p = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("p.json")))!;
        var b = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("b.json")))!;
        await using var context = new CryptoFunkDbContextFactory(Db).CreateDbContext();
        var stored = context.BaselineEquity.Where(e => e.RunId == "paper-paper").AsEnumerable().GroupBy(e => e.Baseline).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Time).ToList());
        Assert.Multiple(() =>
        {
            Assert.That(p["rules_only_is_same_run"]!.GetValue<bool>(), Is.False);
            Assert.That(p["agents"]!["trades"]!.GetValue<int>(), Is.GreaterThan(0), "the agents traded, so the comparison means something");
            Assert.That(p["rules_only"]!.ToJsonString(), Is.Not.EqualTo(p["agents"]!.ToJsonString()), "the rules engine traded otherwise");
            foreach (var key in new[] { "agents", "buy_and_hold", "rules_only" })
            {
                Assert.That(p[key]!.ToJsonString(), Is.EqualTo(b[key]!.ToJsonString()), key);
            }

            Assert.That(paper.Output, Does.Contain($"buy and hold {b["buy_and_hold"]!["total_return"]!.GetValue<decimal>() * 100m:+0.00;-0.00}%"));
            Assert.That(stored[RunBaselines.BuyAndHold], Has.Count.EqualTo(p["closes"]!.GetValue<int>() + 1));
            Assert.That(stored[RunBaselines.RulesOnly][^1].Equity, Is.EqualTo(p["rules_only"]!["final_equity"]!.GetValue<decimal>()));
        });
    }

    private string Db => $"Data Source={Temp.File("paper.db")}";

    private static string[] Replay(string from, string to) =>
    [
        "paper", "--symbols", "BTC/USDT,ETH/USDT",
        "--replay", $"{Data("BTC_USDT-1h-2021.csv")},{Data("ETH_USDT-1h-2021.csv")}",
        "--from", from, "--to", to,
    ];

    private static string Data(string file) => Path.Combine(SharedFiles.RepositoryRoot, "data", file);

    private static Action<IConfigurationBuilder> Configure(Dictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts") };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return c => c.AddInMemoryCollection(all);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?>? settings, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, Configure(settings), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Passes output on and asks the command to stop (as Ctrl+C does) once enough lines with a marker were written.</summary>
    private sealed class LineCountingWriter(TextWriter inner, string marker, int count, CancellationTokenSource stop) : TextWriter
    {
        private int _seen;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value is not null && value.Contains(marker, StringComparison.Ordinal) && ++_seen == count)
            {
                stop.Cancel();
            }
        }
    }
}
