using System.Text.RegularExpressions;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Reports;

/// <summary>
/// <c>backtest --report</c> and <c>report --run</c> in-process over a stored rules backtest and a stored paper
/// account run by a fake model (replayed from the shipped candles): both write the page from the database, and a bad
/// run, path or database is one error line, its exit code, and nothing written.
/// </summary>
public sealed class ReportCommandTests
{
    private static readonly string Btc2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private static readonly string Eth2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "ETH_USDT-1h-2021.csv");
    private readonly TempDirectory _dir = new();
    private string _backtestOutput = null!;

    private string Db => $"Data Source={_dir.File("cf.db")}";

    [OneTimeSetUp]
    public async Task StoreABacktestAndAPaperAccount()
    {
        var backtest = await RunAsync("backtest", "--data", Btc2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-20", "--db", Db, "--report", _dir.File("backtest.html"));
        Assert.That(backtest.ExitCode, Is.EqualTo(0), backtest.Error);
        _backtestOutput = backtest.Output;
        await using var model = await TradingDeskModel.StartAsync();
        var paper = await InProcessProgram.RunAsync(
            model.Settings, "paper", "--symbols", "BTC/USDT,ETH/USDT", "--replay", $"{Btc2021},{Eth2021}", "--from", "2021-01-04", "--to", "2021-01-06", "--account", "demo", "--db", Db);
        Assert.That(paper.ExitCode, Is.EqualTo(0), paper.Error);
    }

    [OneTimeTearDown]
    public void ReleaseTheDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => InProcessProgram.RunAsync(new Dictionary<string, string?>(), args);

    private static void AssertOneErrorLine(int exitCode, int expected, string output, string error, string naming)
    {
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(expected), error);
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("error: ").And.Contain(naming));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
        });
    }

    [Test]
    public async Task Backtest_report_is_the_page_report_writes_for_the_stored_run()
    {
        var run = Regex.Match(_backtestOutput, "^run (\\S+) stored", RegexOptions.Multiline).Groups[1].Value;
        var again = await RunAsync("report", "--run", run, "--db", Db, "--out", _dir.File("again.html"));
        var page = await File.ReadAllTextAsync(_dir.File("backtest.html"));

        Assert.Multiple(() =>
        {
            Assert.That(_backtestOutput, Does.Contain($"wrote report to {_dir.File("backtest.html")}"));
            Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
            Assert.That(again.Output, Is.EqualTo($"wrote report of {run} to {_dir.File("again.html")}{Environment.NewLine}"));
            Assert.That(Strip(File.ReadAllText(_dir.File("again.html"))), Is.EqualTo(Strip(page)), "one page from the stored run, whichever command wrote it");
            Assert.That(page, Does.Contain($"<h1>Run {run}</h1>").And.Contain("mode rules"));
            Assert.That(page, Does.Contain("data-chart=\"price\"").And.Contain("data-chart=\"equity\"").And.Contain("data-chart=\"drawdown\"").And.Contain("data-chart=\"calibration\""));
            Assert.That(page, Does.Contain("the rules engine alone is this run&#39;s own curve"));
            Assert.That(page, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=").And.Not.Contain("href=").And.Not.Contain("cf.db"), "self-contained, and no connection string");
        });
    }

    /// <summary>The page less its generation stamp.</summary>
    private static string Strip(string page) => page[..page.LastIndexOf("<p class=\"note\">Made by cryptofunk", StringComparison.Ordinal)];

    [Test]
    public async Task Report_of_a_stored_paper_account_draws_each_market_and_its_baselines()
    {
        var (exitCode, output, error) = await RunAsync("report", "--run", "paper-demo", "--db", Db, "--out", _dir.File("paper.html"));
        var page = await File.ReadAllTextAsync(_dir.File("paper.html"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("wrote report of paper-demo"));
            Assert.That(page, Does.Contain("<h1>Run paper-demo</h1>").And.Contain("paper of BTC/USDT,ETH/USDT 1h"));
            Assert.That(page, Does.Contain("BTC/USDT close, entries and exits").And.Contain("ETH/USDT close, entries and exits"));
            Assert.That(page, Does.Not.Contain("stored no rules-engine baseline").And.Not.Contain("stored no buy-and-hold baseline"));
            Assert.That(page, Does.Contain("buy and hold").And.Contain("rules engine alone"));
            Assert.That(page, Does.Contain("<td>technical_analysis</td><td>analysis</td>"));
            Assert.That(page, Does.Contain("<tr><td>calls to a provider</td><td>").And.Not.Contain("<tr><td>calls to a provider</td><td>0</td>"), "the model calls are counted");
        });
    }

    [Test]
    public async Task An_unknown_run_is_one_line_exit_code_2_and_no_file()
    {
        var (exitCode, output, error) = await RunAsync("report", "--run", "bt-nothing", "--db", Db, "--out", _dir.File("none.html"));

        AssertOneErrorLine(exitCode, 2, output, error, "no run bt-nothing");
        Assert.That(File.Exists(_dir.File("none.html")), Is.False);
    }

    [Test]
    public async Task Without_a_database_report_is_exit_code_3_and_creates_nothing()
    {
        using var dir = new TempDirectory();
        var (exitCode, output, error) = await RunAsync("report", "--run", "paper-demo", "--db", $"Data Source={dir.File("missing.db")}", "--out", dir.File("r.html"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        AssertOneErrorLine(exitCode, 3, output, error, "no database file");
        Assert.That(Directory.GetFiles(dir.Path), Is.Empty);
    }

    [Test]
    public async Task Report_out_a_folder_or_an_unwritable_path_is_one_line_naming_the_option_and_exit_code_2()
    {
        using var dir = new TempDirectory();
        var folder = await RunAsync("report", "--run", "paper-demo", "--db", Db, "--out", dir.Path);
        var unwritable = await RunAsync("report", "--run", "paper-demo", "--db", Db, "--out", "/proc/cryptofunk-report.html");

        AssertOneErrorLine(folder.ExitCode, 2, folder.Output, folder.Error, $"--out {dir.Path}: is a folder");
        AssertOneErrorLine(unwritable.ExitCode, 2, unwritable.Output, unwritable.Error, "--out /proc/cryptofunk-report.html: the folder /proc is not writable");
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.Empty, "nothing half-written");
    }

    [TestCase(null)]
    [TestCase("/proc/cryptofunk-report.html")]
    public async Task Backtest_report_to_a_folder_or_an_unwritable_path_stops_before_the_run(string? path)
    {
        using var dir = new TempDirectory();
        var target = path ?? dir.Path;
        var db = dir.File("cf.db");

        var (exitCode, output, error) = await RunAsync("backtest", "--data", Btc2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", $"Data Source={db}", "--report", target);

        AssertOneErrorLine(exitCode, 2, output, error, $"--report {target}");
        Assert.That(Directory.GetFileSystemEntries(dir.Path), Is.Empty, "no run stored, no file written");
    }
}
