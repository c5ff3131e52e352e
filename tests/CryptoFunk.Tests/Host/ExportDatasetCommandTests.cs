using System.Text.Json;
using CryptoFunk.Host;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// <c>export dataset</c> over a week's rules-only backtest: one line per stored decision with the documented fields,
/// every outcome known only after its decision, and bad input refused in one line with nothing written.
/// </summary>
public sealed class ExportDatasetCommandTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    private static readonly string[] Fields =
    [
        "id", "run", "symbol", "time", "interval", "market", "indicators", "order_book", "sentiment", "agents", "action", "reason", "degraded",
        "consensus_signal", "consensus_share", "proposing_agent", "quantity", "entry_price", "stop_loss", "take_profit", "order_id", "refusals",
        "clamps", "trade", "forward",
    ];

    private readonly TempDirectory _dir = new();
    private string _run = null!;

    private string Db => $"Data Source={_dir.File("cf.db")}";

    [OneTimeSetUp]
    public async Task RunABacktest()
    {
        var backtest = await RunAsync("backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-03-01", "--to", "2021-03-08", "--db", Db);
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);
        _run = Lines((await RunAsync("decisions", "--last", "1", "--json", "--db", Db)).Output)[0].GetProperty("run").GetString()!;
    }

    [OneTimeTearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, null, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static List<JsonElement> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JsonElement>(line))];

    private static DateTimeOffset Time(JsonElement element, string name) => element.GetProperty(name).GetDateTimeOffset();

    [Test]
    public async Task Writes_one_line_per_decision_whose_outcomes_are_known_only_after_it()
    {
        var file = _dir.File("dataset.jsonl");
        var (exitCode, output, error) = await RunAsync("export", "dataset", "--run", _run, "--db", Db, "--out", file);

        var stored = Lines((await RunAsync("decisions", "--run", _run, "--json", "--db", Db)).Output);
        var rows = Lines(await File.ReadAllTextAsync(file));
        var trades = rows.Where(r => r.GetProperty("trade").ValueKind == JsonValueKind.Object).ToList();
        var forwards = rows.Where(r => r.GetProperty("forward").ValueKind == JsonValueKind.Object).ToList();
        var closes = rows.ToDictionary(r => Time(r, "time"), r => r.GetProperty("market").GetProperty("close").GetDecimal());
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.StartWith($"{rows.Count} decisions of {_run} -> {file}"));
            Assert.That(rows.Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(stored.Select(d => d.GetProperty("id").GetInt64())), "one line per stored decision, in order");
            Assert.That(rows.All(r => Fields.All(f => r.TryGetProperty(f, out _))), Is.True, "every documented field on every line");
            Assert.That(rows.All(r => r.GetProperty("indicators").TryGetProperty("rsi14", out _) && r.GetProperty("market").TryGetProperty("close", out _)), Is.True);
            Assert.That(rows.All(r => r.GetProperty("agents").EnumerateArray().All(a => a.TryGetProperty("reasoning", out _) && a.TryGetProperty("confidence", out _) && a.TryGetProperty("action", out _))), Is.True);
            Assert.That(trades, Is.Not.Empty, "the week holds a closed trade");
            Assert.That(forwards.Select(r => Time(r, "time")), Is.EqualTo(rows.Select(r => Time(r, "time")).Where(t => closes.ContainsKey(t.AddHours(24)))), "a forward return wherever the run decided 24 bars later");
            Assert.That(forwards.All(r => r.GetProperty("forward").GetProperty("close").GetDecimal() == closes[Time(r, "time").AddHours(24)]), Is.True, "the close the run saw 24 bars later");
            Assert.That(trades.Where(r => Time(r.GetProperty("trade"), "known_at") <= Time(r, "time")).Select(r => r.GetProperty("id").GetInt64()), Is.Empty, "a trade's outcome is known after its decision");
            Assert.That(trades.Where(r => Time(r.GetProperty("trade"), "known_at") < Time(r.GetProperty("trade"), "exit_time")).Select(r => r.GetProperty("id").GetInt64()), Is.Empty);
            Assert.That(forwards.Where(r => Time(r.GetProperty("forward"), "known_at") != Time(r, "time").AddHours(24)).Select(r => r.GetProperty("id").GetInt64()), Is.Empty, "a forward return is known at the close of its last bar");
        });
    }

    [Test]
    public async Task Refuses_bad_input_in_one_line_and_writes_nothing()
    {
        var file = _dir.File("refused.jsonl");
        var unknown = await RunAsync("export", "dataset", "--run", "bt-nope", "--db", Db, "--out", file);
        var noDatabase = await RunAsync("export", "dataset", "--run", _run, "--db", $"Data Source={_dir.File("none.db")}", "--out", file);
        var folder = await RunAsync("export", "dataset", "--run", _run, "--db", Db, "--out", _dir.Path);
        var blocker = _dir.File("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var unwritable = await RunAsync("export", "dataset", "--run", _run, "--db", Db, "--out", Path.Combine(blocker, "dataset.jsonl"));

        Assert.Multiple(() =>
        {
            Assert.That((unknown.ExitCode, unknown.Error), Is.EqualTo((2, "error: no run bt-nope (see cryptofunk runs)" + Environment.NewLine)));
            Assert.That(noDatabase.ExitCode, Is.EqualTo(3));
            Assert.That(noDatabase.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(folder.ExitCode, Is.EqualTo(2));
            Assert.That(folder.Error, Does.StartWith("error: --out ").And.Contain(": is a folder"));
            Assert.That(unwritable.ExitCode, Is.EqualTo(2));
            Assert.That(unwritable.Error, Does.StartWith("error: --out ").And.Contain("is a file, not a folder"));
            Assert.That(unwritable.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(File.Exists(file), Is.False);
            Assert.That(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file left behind");
            Assert.That(File.Exists(_dir.File("none.db")), Is.False, "reading never creates a database");
        });
    }
}
