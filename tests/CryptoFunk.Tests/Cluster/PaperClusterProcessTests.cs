using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Storage;
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

    [Test]
    public async Task An_account_submitted_to_two_silo_processes_trades_as_it_does_in_one_process()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var journal = $"Data Source={directory.File("cluster.db")}";
        var ports = LoopbackPort.Free(4);
        using var first = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--db", journal, "--port", $"{ports[0]}", "--gateway-port", $"{ports[1]}");
        using var second = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--db", journal, "--port", $"{ports[2]}", "--gateway-port", $"{ports[3]}");
        await first.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[0]}", TimeSpan.FromSeconds(90));
        await second.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[2]}", TimeSpan.FromSeconds(90));

        var none = new Dictionary<string, string?>();
        var elsewhere = await InProcessProgram.RunAsync(none, [.. Paper($"Data Source={directory.File("elsewhere.db")}", directory.File("elsewhere.json")), "--cluster", cluster.ConnectionString]);
        var clock = Stopwatch.StartNew();
        var submitted = await InProcessProgram.RunAsync(none, [.. Paper(journal, directory.File("cluster.json")), "--cluster", cluster.ConnectionString]);
        var clusterTime = clock.Elapsed;
        var status = await InProcessProgram.RunAsync(none, "cluster", "status", "--json", "--cluster", cluster.ConnectionString, "--db", journal);
        var firstExit = await first.TerminateAsync(TimeSpan.FromSeconds(60));
        var secondExit = await second.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(elsewhere.ExitCode, Is.EqualTo(1), "an account the silos' database does not hold is refused");
            Assert.That(elsewhere.Error.Trim(), Does.StartWith("error: ").And.Contain("holds no paper run paper-spread").And.Contain("Database:ConnectionString").And.Not.Contain("   at "), elsewhere.Error);
            Assert.That(File.Exists(directory.File("elsewhere.json")), Is.False, "no report of a run that never traded");
        });
        Assert.That(submitted.ExitCode, Is.Zero, submitted.Error);
        Assert.That(status.ExitCode, Is.Zero, status.Error);

        clock.Restart();
        var alone = await InProcessProgram.RunAsync(none, Paper($"Data Source={directory.File("alone.db")}", directory.File("alone.json")));
        TestContext.Out.WriteLine($"paper on two silo processes: {clusterTime.TotalSeconds:0.0} s; in one process: {clock.Elapsed.TotalSeconds:0.0} s\n{status.Output}");
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);

        var grains = JsonNode.Parse(status.Output)!["grains"]!.AsArray()
            .Select(g => (Type: (string)g!["grain_type"]!, Count: (int)g["activations"]!))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(grains.Where(g => g.Type.Contains("PaperAccountGrain", StringComparison.Ordinal)).Sum(g => g.Count), Is.EqualTo(1), "the account traded in a silo");
            Assert.That(grains.Where(g => g.Type.Contains("PaperMarketGrain", StringComparison.Ordinal)).Sum(g => g.Count), Is.EqualTo(2), "each market decided in a silo");
            Assert.That(Comparable(directory.File("cluster.json")), Is.EqualTo(Comparable(directory.File("alone.json"))), "the same report");
            Assert.That((firstExit, secondExit), Is.EqualTo((0, 0)), "both silos left gracefully");
            Assert.That(first.ErrorLines.Concat(second.ErrorLines).Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal)), Is.Empty);
        });
        await SamePaperAccount.AssertAsync(
            new TradingStore(new CryptoFunkDbContextFactory($"Data Source={directory.File("alone.db")}")), new TradingStore(new CryptoFunkDbContextFactory(journal)), $"paper-{Account}");
    }

    private static string[] Paper(string database, string json) =>
    [
        "paper", "--symbols", "BTC/USDT,ETH/USDT",
        "--replay", $"{Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv")},{Path.Combine(SharedFiles.RepositoryRoot, "data", "ETH_USDT-1h-2021.csv")}",
        "--from", "2021-01-11", "--to", "2021-01-18", "--account", Account, "--db", database, "--json", json,
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
