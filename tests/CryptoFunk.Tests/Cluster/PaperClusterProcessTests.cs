using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Storage;
using Microsoft.Data.Sqlite;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// <c>paper --cluster</c> as a trader runs it: two real <c>cryptofunk silo</c> processes on 127.0.0.1 clustered through
/// PostgreSQL, the account submitted from a third process that hosts no grains. The account and its markets trade in
/// the silos, every close is stored by them, and the account, its journal and its report equal a plain <c>paper</c> run
/// of the same candles in one process.
/// </summary>
[NonParallelizable]
public sealed class PaperClusterProcessTests
{
    private const string Account = "spread";
    private const int KillAfter = 10;
    private const string AMonth = "2021-02-11";
    private static readonly Dictionary<string, string?> None = [];

    [Test]
    public async Task An_account_submitted_to_two_silo_processes_trades_as_it_does_in_one_process()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var journal = $"Data Source={directory.File("cluster.db")}";
        var (first, second) = await TwoSilosAsync(directory, cluster, journal);
        using var firstSilo = first.Process;
        using var secondSilo = second.Process;

        var elsewhere = await InProcessProgram.RunAsync(None, [.. Paper($"Data Source={directory.File("elsewhere.db")}", directory.File("elsewhere.json")), "--cluster", cluster.ConnectionString]);
        var clock = Stopwatch.StartNew();
        var submitted = await InProcessProgram.RunAsync(None, [.. Paper(journal, directory.File("cluster.json")), "--cluster", cluster.ConnectionString]);
        var clusterTime = clock.Elapsed;
        var status = await StatusAsync(cluster, journal);
        var firstExit = await first.Process.TerminateAsync(TimeSpan.FromSeconds(60));
        var secondExit = await second.Process.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(elsewhere.ExitCode, Is.EqualTo(1), "an account the silos' database does not hold is refused");
            Assert.That(elsewhere.Error.Trim(), Does.StartWith("error: ").And.Contain("holds no paper run paper-spread").And.Contain("Database:ConnectionString").And.Not.Contain("   at "), elsewhere.Error);
            Assert.That(File.Exists(directory.File("elsewhere.json")), Is.False, "no report of a run that never traded");
        });
        Assert.That(submitted.ExitCode, Is.Zero, submitted.Error);
        Assert.That(status.ExitCode, Is.Zero, status.Error);

        clock.Restart();
        var alone = await InProcessProgram.RunAsync(None, Paper($"Data Source={directory.File("alone.db")}", directory.File("alone.json")));
        TestContext.Out.WriteLine($"paper on two silo processes: {clusterTime.TotalSeconds:0.0} s; in one process: {clock.Elapsed.TotalSeconds:0.0} s\n{status.Output}");
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);

        var grains = Grains(status.Output);
        Assert.Multiple(() =>
        {
            Assert.That(grains.Where(g => g.Type == "PaperAccountGrain").Sum(g => g.Count), Is.EqualTo(1), "the account traded in a silo");
            Assert.That(grains.Where(g => g.Type == "PaperMarketGrain").Sum(g => g.Count), Is.EqualTo(2), "each market decided in a silo");
            Assert.That(Comparable(directory.File("cluster.json")), Is.EqualTo(Comparable(directory.File("alone.json"))), "the same report");
            Assert.That((firstExit, secondExit), Is.EqualTo((0, 0)), "both silos left gracefully");
            Assert.That(first.Process.ErrorLines.Concat(second.Process.ErrorLines).Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal)), Is.Empty);
        });
        await SamePaperAccount.AssertAsync(
            new TradingStore(new CryptoFunkDbContextFactory($"Data Source={directory.File("alone.db")}")), new TradingStore(new CryptoFunkDbContextFactory(journal)), $"paper-{Account}");
    }

    /// <summary>
    /// The silo that hosts the account is killed with SIGKILL after <see cref="KillAfter"/> closes, while the next ones
    /// run. Orleans never breaks a client's call that died with a silo, so only the account host's membership watch lets
    /// the close in flight be tried again: the account opens on the other silo from its journal, and the run ends as one
    /// process's does.
    /// </summary>
    [Test]
    public async Task An_account_submitted_to_the_cluster_goes_on_when_the_silo_hosting_it_is_killed()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var database = directory.File("cluster.db");
        var journal = $"Data Source={database}";
        var (first, second) = await TwoSilosAsync(directory, cluster, journal);
        using var firstSilo = first.Process;
        using var secondSilo = second.Process;

        var clock = Stopwatch.StartNew();
        using var paper = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), [.. Paper(journal, directory.File("cluster.json"), AMonth), "--cluster", cluster.ConnectionString]);
        while (await ClosesStoredAsync(database) < KillAfter)
        {
            Assert.That(paper.Lines.Any(l => l.StartsWith("paper finished", StringComparison.Ordinal)), Is.False, "the run ended before the silo was killed");
            await Task.Delay(20);
        }

        var host = Grains((await StatusAsync(cluster, journal)).Output).Single(g => g.Type == "PaperAccountGrain").Silo;
        var (doomed, survivor) = host == first.Address ? (first, second) : (second, first);
        var killed = await doomed.Process.KillWhenAsync(() => Task.FromResult(true), TimeSpan.Zero, TimeSpan.FromSeconds(30));
        var killedAt = clock.Elapsed;
        var closesAtKill = await ClosesStoredAsync(database);
        var exitCode = await paper.WaitAsync(TimeSpan.FromSeconds(240));
        var clusterTime = clock.Elapsed;
        var survivorExit = await survivor.Process.TerminateAsync(TimeSpan.FromSeconds(60));
        var errors = string.Join('\n', paper.ErrorLines);
        TestContext.Out.WriteLine($"killed the account's silo {host} after {killedAt.TotalSeconds:0.0} s, {closesAtKill} closes stored; the run ended after {clusterTime.TotalSeconds:0.0} s\n{errors}");
        Assert.That(killed, Is.True);
        Assert.That(closesAtKill, Is.LessThan(31 * 24), "the silo was killed mid-run");
        Assert.That(exitCode, Is.Zero, errors);

        var alone = await InProcessProgram.RunAsync(None, Paper($"Data Source={directory.File("alone.db")}", directory.File("alone.json"), AMonth));
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Does.Contain($"account {Account}: the close at").And.Contain("opening the account again from its journal"), "the close in flight was tried again");
            Assert.That(Comparable(directory.File("cluster.json")), Is.EqualTo(Comparable(directory.File("alone.json"))), "the same report");
            Assert.That(survivorExit, Is.Zero, "the other silo left gracefully");
        });
        await SamePaperAccount.AssertAsync(new TradingStore(new CryptoFunkDbContextFactory($"Data Source={directory.File("alone.db")}")), new TradingStore(new CryptoFunkDbContextFactory(journal)), $"paper-{Account}");
    }

    /// <summary>Two silo processes clustered through <paramref name="cluster"/>, storing in <paramref name="journal"/>, once both joined.</summary>
    private static async Task<((ProgramProcess Process, string Address) First, (ProgramProcess Process, string Address) Second)> TwoSilosAsync(
        TempDirectory directory, PostgresDatabase cluster, string journal)
    {
        var ports = LoopbackPort.Free(4);
        var first = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--db", journal, "--port", $"{ports[0]}", "--gateway-port", $"{ports[1]}");
        var second = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--db", journal, "--port", $"{ports[2]}", "--gateway-port", $"{ports[3]}");
        await first.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[0]}", TimeSpan.FromSeconds(90));
        await second.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[2]}", TimeSpan.FromSeconds(90));
        return ((first, $"127.0.0.1:{ports[0]}"), (second, $"127.0.0.1:{ports[2]}"));
    }

    private static Task<(int ExitCode, string Output, string Error)> StatusAsync(PostgresDatabase cluster, string journal) =>
        InProcessProgram.RunAsync(None, "cluster", "status", "--json", "--cluster", cluster.ConnectionString, "--db", journal);

    private static List<(string Silo, string Type, int Count)> Grains(string status) =>
    [
        .. JsonNode.Parse(status)!["grains"]!.AsArray().Select(g => ((string)g!["silo"]!, (string)g["grain_type"]!, (int)g["activations"]!)),
    ];

    /// <summary>How many closes of the account are stored so far.</summary>
    private static async Task<long> ClosesStoredAsync(string database)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM equity_snapshots WHERE RunId = 'paper-{Account}'";
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static string[] Paper(string database, string json, string to = "2021-01-18") =>
    [
        "paper", "--symbols", "BTC/USDT,ETH/USDT",
        "--replay", $"{Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv")},{Path.Combine(SharedFiles.RepositoryRoot, "data", "ETH_USDT-1h-2021.csv")}",
        "--from", "2021-01-11", "--to", to, "--account", Account, "--db", database, "--json", json,
    ];

    /// <summary>The report without what differs between any two runs (when it started, how long it took).</summary>
    private static string Comparable(string path)
    {
        var report = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        report["run"]!.AsObject().Remove("started_at");
        report["run"]!.AsObject().Remove("elapsed_seconds");
        return report.ToJsonString();
    }
}
