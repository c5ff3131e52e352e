using System.Text.Json.Nodes;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Microsoft.Data.Sqlite;

namespace CryptoFunk.Tests.Paper;

/// <summary>
/// A paper account survives being killed: the program is run as a child process over two weeks of two markets and
/// killed with SIGKILL at random moments, restarted with the same command each time, and must end where an
/// uninterrupted run ends, with every close decided once and books that add up from the stored fills.
/// </summary>
public sealed class PaperCrashTests : TempDirectoryTest
{
    private const decimal Capital = 10_000m;
    private const int Kills = 10;

    private static readonly string[] Replay =
    [
        "paper",
        "--symbols", "BTC/USDT,ETH/USDT",
        "--replay", $"{Data("BTC_USDT-1h-2021.csv")},{Data("ETH_USDT-1h-2021.csv")}",
        "--from", "2021-01-01", "--to", "2021-01-15",
        "--speed", "max",
        "--account", "crash-test",
    ];

    [Test]
    public async Task Killed_ten_times_and_restarted_the_account_ends_as_an_uninterrupted_run_with_every_close_decided_once()
    {
        var uninterrupted = await RunToEndAsync(Temp.File("whole.db"), Temp.File("whole.json"));

        var killed = Temp.File("killed.db");
        var store = new TradingStore(new CryptoFunkDbContextFactory($"Data Source={killed}"));
        var random = new Random(20210101);

        // Ten kill points spread over the first 300 of the window's 336 closes; each run is killed a moment after it has stored the
        // next one (and is trading), mid-step, mid-save or between closes, so every restart continues from stored closes.
        var targets = Enumerable.Range(0, Kills).Select(_ => random.Next(1, 300)).Order().ToList();
        var stored = new List<int>();
        foreach (var target in targets)
        {
            using var program = ProgramProcess.Start([.. Replay, "--db", $"Data Source={killed}"]);
            var killedAt = await program.KillWhenAsync(
                async () => program.Lines.Any(l => l.Contains(" account equity ", StringComparison.Ordinal)) && (await StoredClosesAsync(killed)) >= target,
                TimeSpan.FromMilliseconds(random.Next(0, 60)),
                TimeSpan.FromMinutes(2));
            Assert.That(killedAt, Is.True, $"the run ended before it stored {target} closes");
            stored.Add(await StoredClosesAsync(killed));
        }

        var resumed = await RunToEndAsync(killed, Temp.File("killed.json"));
        Assert.That(stored.Distinct().Count(), Is.GreaterThanOrEqualTo(Kills / 2), $"restarts continued from many points: closes stored at each kill {string.Join(", ", stored)}");

        var expected = JsonNode.Parse(uninterrupted)!.AsObject();
        var actual = JsonNode.Parse(resumed)!.AsObject();
        Assert.That(actual["run"]!["id"]!.GetValue<string>(), Is.EqualTo("paper-crash-test"));
        expected.Remove("run");
        actual.Remove("run");
        Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), "the killed account's summary is the uninterrupted one");

        var decisions = await store.DecisionsAsync("paper-crash-test", CancellationToken.None);
        var orders = await store.OrdersAsync("paper-crash-test", CancellationToken.None);
        var fills = await store.FillsAsync("paper-crash-test", CancellationToken.None);
        var wholeFills = await new TradingStore(new CryptoFunkDbContextFactory($"Data Source={Temp.File("whole.db")}")).FillsAsync("paper-crash-test", CancellationToken.None);
        var run = await store.RunAsync("paper-crash-test", CancellationToken.None);
        var closes = actual["closes"]!.GetValue<int>();
        Assert.Multiple(() =>
        {
            Assert.That(closes, Is.GreaterThanOrEqualTo(300), "at least 300 candles of each market");
            Assert.That(decisions.Select(d => (d.Symbol, d.DecisionTime)).Distinct().Count(), Is.EqualTo(decisions.Count), "no close decided twice");
            Assert.That(decisions, Has.Count.EqualTo(2 * (closes - 1)), "every close but the last decided for both markets");
            Assert.That(orders.Where(o => o.Status == OrderStatuses.Intent), Is.Empty, "no intent left unresolved");
            Assert.That(fills.Where(f => f.Reason == FillReasons.Market).GroupBy(f => f.OrderId).Select(g => g.Count()), Has.All.EqualTo(1), "no order executed twice");
            Assert.That(fills.Count, Is.EqualTo(wholeFills.Count), "no fill lost or added");
            Assert.That(fills.Zip(wholeFills).All(pair => pair.First.SameAs(pair.Second)), Is.True, "the same fills as the uninterrupted run");
            Assert.That(run!.Status, Is.EqualTo(TradingRunStatuses.Completed));
            Assert.That(run.Interruptions, Is.EqualTo(Kills), "each kill found and counted at the next start");
        });

        // Cash, positions and equity recomputed from the stored fills alone (long-only account: buys spend, sells return).
        var cash = Capital + fills.Sum(f => f.Side == OrderSide.Buy ? -(f.Quantity * f.Price) - f.Fee : (f.Quantity * f.Price) - f.Fee);
        var held = fills.GroupBy(f => f.Symbol).ToDictionary(g => g.Key, g => g.Sum(f => f.Side == OrderSide.Buy ? f.Quantity : -f.Quantity));
        var positions = actual["positions"]!.AsArray();
        var equity = cash + positions.Sum(p => p!["quantity"]!.GetValue<decimal>() * p["mark_price"]!.GetValue<decimal>());
        Assert.Multiple(() =>
        {
            Assert.That(StoredPrecision.Equal(actual["cash"]!.GetValue<decimal>(), cash), Is.True, $"cash {actual["cash"]} from fills {cash}");
            Assert.That(StoredPrecision.Equal(actual["equity"]!.GetValue<decimal>(), equity), Is.True, $"equity {actual["equity"]} from fills {equity}");
            Assert.That(held.Where(h => h.Value != 0m).ToDictionary(), Is.EqualTo(positions.ToDictionary(p => p!["symbol"]!.GetValue<string>(), p => p!["quantity"]!.GetValue<decimal>())));
        });
    }

    /// <summary>Closes the account has stored, read with a plain query so polling costs the program nothing.</summary>
    private static async Task<int> StoredClosesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        try
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM equity_snapshots WHERE RunId = 'paper-crash-test'";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;   // no database or tables yet
        }
    }

    private async Task<string> RunToEndAsync(string database, string json)
    {
        using var program = ProgramProcess.Start([.. Replay, "--db", $"Data Source={database}", "--json", json]);
        var exitCode = await program.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.That(exitCode, Is.EqualTo(0), string.Join('\n', program.Lines.TakeLast(20)));
        return await File.ReadAllTextAsync(json);
    }

    private static string Data(string file) => Path.Combine(SharedFiles.RepositoryRoot, "data", file);
}
