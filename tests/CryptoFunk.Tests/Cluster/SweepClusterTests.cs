using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// Issue 12's acceptance: two real <c>cryptofunk silo</c> processes on 127.0.0.1 cluster through PostgreSQL (a fresh
/// database), a <c>sweep --cluster</c> of eight backtests runs across them, both silos run backtests (each result
/// names the silo that ran it, from the grain's own silo), and the results equal the same sweep in one process; and
/// when one silo is killed mid-sweep, the sweep still finishes with every combination once, equal to one process. The
/// runs are stored in one SQLite file both silos write (on one machine that is allowed, and a fifth of the time
/// PostgreSQL's row-by-row writes take; <c>SiloProcessTests</c> and the store's own tests cover PostgreSQL).
/// </summary>
[NonParallelizable]
public sealed class SweepClusterTests
{
    private static readonly Dictionary<string, string?> None = [];

    [Test]
    public async Task A_sweep_spreads_over_two_silo_processes_and_equals_the_same_sweep_in_one_process()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var ports = LoopbackPort.Free(4);
        using var first = StartSilo(directory, cluster, [], ports[0], ports[1]);
        using var second = StartSilo(directory, cluster, [], ports[2], ports[3]);
        string[] silos = [await JoinedAsync(first, ports[0]), await JoinedAsync(second, ports[2])];

        var clock = Stopwatch.StartNew();
        var spread = await InProcessProgram.RunAsync(None, [.. SweepRuns.Sweep($"Data Source={directory.File("cluster.db")}", directory.File("cluster.json")), "--cluster", cluster.ConnectionString]);
        var clusterTime = clock.Elapsed;
        var firstExit = await first.TerminateAsync(TimeSpan.FromSeconds(60));
        var secondExit = await second.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.That(spread.ExitCode, Is.Zero, spread.Error);

        clock.Restart();
        var alone = await InProcessProgram.RunAsync(None, SweepRuns.Sweep($"Data Source={directory.File("alone.db")}", directory.File("alone.json")));
        TestContext.Out.WriteLine($"sweep of 8 on two silo processes: {clusterTime.TotalSeconds:0.0} s; in one process: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);

        var onCluster = await SweepRuns.ResultsAsync(directory.File("cluster.json"));
        var inProcess = await SweepRuns.ResultsAsync(directory.File("alone.json"));
        var ranOn = (JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(directory.File("cluster.json")))!["silos"]!;
        Assert.Multiple(() =>
        {
            Assert.That(onCluster.Keys, Is.EqualTo(Enumerable.Range(1, 8)));
            Assert.That(onCluster.Values.Select(r => (string)r["silo"]!).Distinct().Order(), Is.EqualTo(silos.Order()), "both silos ran backtests");
            Assert.That(ranOn.Select(s => (string)s!), Is.EquivalentTo(silos));
            AssertEqual(onCluster, inProcess);
            Assert.That((firstExit, secondExit), Is.EqualTo((0, 0)), "both silos left gracefully");
            Assert.That(first.ErrorLines.Concat(second.ErrorLines).Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal)), Is.Empty);
        });
    }

    /// <summary>
    /// Each silo runs one backtest at a time (<c>DOTNET_PROCESSOR_COUNT=1</c>), so once two backtests have stored
    /// decisions each silo is in the middle of one; the first silo is then killed with SIGKILL. Its backtest must be
    /// tried again on the other silo, its partial run replaced, and the sweep must end as one process's does.
    /// </summary>
    [Test]
    public async Task A_sweep_finishes_when_a_silo_is_killed_mid_sweep_and_equals_the_same_sweep_in_one_process()
    {
        string[] window = ["--from", "2021-01-04", "--to", "2021-01-25"];
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var ports = LoopbackPort.Free(4);
        var oneCore = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" };
        using var doomed = StartSilo(directory, cluster, oneCore, ports[0], ports[1]);
        using var survivor = StartSilo(directory, cluster, oneCore, ports[2], ports[3]);
        string[] silos = [await JoinedAsync(doomed, ports[0]), await JoinedAsync(survivor, ports[2])];
        var database = directory.File("cluster.db");

        var clock = Stopwatch.StartNew();
        var sweep = InProcessProgram.RunAsync(None, [.. SweepRuns.Sweep($"Data Source={database}", directory.File("cluster.json"), window), "--cluster", cluster.ConnectionString]);
        // A sweep that ends before two backtests were under way at once fails here with its own output, not after the timeout.
        var killed = await doomed.KillWhenAsync(
            async () =>
            {
                if (sweep.IsCompleted)
                {
                    var ended = await sweep;
                    throw new AssertionException($"the sweep ended (exit {ended.ExitCode}) before two backtests were under way with stored decisions:\n{ended.Error}");
                }

                return await RunsUnderWayAsync(database, 2);
            },
            TimeSpan.Zero,
            TimeSpan.FromSeconds(120));
        var killedAt = clock.Elapsed;
        var spread = await sweep.WaitAsync(TimeSpan.FromSeconds(180));
        var clusterTime = clock.Elapsed;
        var survivorExit = await survivor.TerminateAsync(TimeSpan.FromSeconds(60));
        TestContext.Out.WriteLine(spread.Error);
        Assert.That(killed, Is.True, "the silo was killed while it ran a backtest");
        Assert.That(spread.ExitCode, Is.Zero, spread.Error);

        clock.Restart();
        var alone = await InProcessProgram.RunAsync(None, SweepRuns.Sweep($"Data Source={directory.File("alone.db")}", directory.File("alone.json"), window));
        TestContext.Out.WriteLine($"sweep of 8 on two silo processes, one killed after {killedAt.TotalSeconds:0.0} s: {clusterTime.TotalSeconds:0.0} s; in one process: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);

        var onCluster = await SweepRuns.ResultsAsync(directory.File("cluster.json"));
        var inProcess = await SweepRuns.ResultsAsync(directory.File("alone.json"));
        var storedOnCluster = await StoredRunsAsync(database);
        var storedAlone = await StoredRunsAsync(directory.File("alone.db"));
        Assert.Multiple(() =>
        {
            Assert.That(onCluster.Keys, Is.EqualTo(Enumerable.Range(1, 8)), "every combination once");
            Assert.That(onCluster.Values.Where(r => (int)r["attempts"]! > 1).Select(r => (string)r["silo"]!), Is.Not.Empty.And.All.EqualTo(silos[1]), "the killed silo's backtest ran again on the other silo");
            Assert.That(spread.Error, Does.Contain($"lost with silo S{silos[0]}").And.Contain("trying it again (try 2 of 3)"));
            AssertEqual(onCluster, inProcess);
            Assert.That(storedOnCluster.Values, Is.EqualTo(storedAlone.Values), "each stored run holds one try's decisions, as in one process");
            Assert.That(storedOnCluster.Keys, Is.EquivalentTo(onCluster.Values.Select(r => (string)r["run"]!["id"]!)), "one stored run per combination");
            Assert.That(survivorExit, Is.Zero, "the other silo left gracefully");
        });
    }

    private static ProgramProcess StartSilo(TempDirectory directory, PostgresDatabase cluster, Dictionary<string, string> environment, int siloPort, int gatewayPort) =>
        ProgramProcess.StartIn(directory.Path, environment, "silo", "--cluster", cluster.ConnectionString, "--port", $"{siloPort}", "--gateway-port", $"{gatewayPort}");

    /// <summary>Waits until <paramref name="silo"/> joined the cluster; its address.</summary>
    private static async Task<string> JoinedAsync(ProgramProcess silo, int siloPort)
    {
        await silo.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{siloPort}", TimeSpan.FromSeconds(90));
        return $"127.0.0.1:{siloPort}";
    }

    private static void AssertEqual(SortedDictionary<int, JsonObject> onCluster, SortedDictionary<int, JsonObject> inProcess)
    {
        foreach (var (combination, result) in onCluster)
        {
            Assert.That(JsonNode.DeepEquals(SweepRuns.Comparable(result), SweepRuns.Comparable(inProcess[combination])), Is.True, $"combination {combination}:\n{result}\nin one process:\n{inProcess[combination]}");
        }
    }

    /// <summary>Whether at least <paramref name="count"/> runs are still running and have stored decisions.</summary>
    private static async Task<bool> RunsUnderWayAsync(string database, int count)
    {
        if (!File.Exists(database))
        {
            return false;
        }

        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM trading_runs r WHERE r.Status = 'running' AND EXISTS (SELECT 1 FROM trading_decisions d WHERE d.RunId = r.Id)";
        try
        {
            return (long)(await command.ExecuteScalarAsync())! >= count;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>How many decisions each stored run holds, by run id.</summary>
    private static async Task<SortedDictionary<string, long>> StoredRunsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT r.Id, (SELECT COUNT(*) FROM trading_decisions d WHERE d.RunId = r.Id) FROM trading_runs r";
        var runs = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs[reader.GetString(0)] = reader.GetInt64(1);
        }

        return runs;
    }
}
