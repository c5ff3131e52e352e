using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// Issue 12's acceptance: two real <c>cryptofunk silo</c> processes on 127.0.0.1 cluster through PostgreSQL (a fresh
/// database), a <c>sweep --cluster</c> of eight backtests runs across them, both silos run backtests (each result
/// names the silo that ran it, from the grain's own silo), and the results equal the same sweep in one process. The
/// runs are stored in one SQLite file both silos write (on one machine that is allowed, and a fifth of the time
/// PostgreSQL's row-by-row writes take; <c>SiloProcessTests</c> and the store's own tests cover PostgreSQL).
/// </summary>
[NonParallelizable]
public sealed class SweepClusterTests
{
    [Test]
    public async Task A_sweep_spreads_over_two_silo_processes_and_equals_the_same_sweep_in_one_process()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var ports = LoopbackPort.Free(4);
        using var first = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--port", $"{ports[0]}", "--gateway-port", $"{ports[1]}");
        using var second = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--port", $"{ports[2]}", "--gateway-port", $"{ports[3]}");
        await first.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[0]}", TimeSpan.FromSeconds(90));
        await second.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{ports[2]}", TimeSpan.FromSeconds(90));

        var none = new Dictionary<string, string?>();
        var clock = Stopwatch.StartNew();
        var spread = await InProcessProgram.RunAsync(none, [.. SweepRuns.Sweep($"Data Source={directory.File("cluster.db")}", directory.File("cluster.json")), "--cluster", cluster.ConnectionString]);
        var clusterTime = clock.Elapsed;
        var firstExit = await first.TerminateAsync(TimeSpan.FromSeconds(60));
        var secondExit = await second.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.That(spread.ExitCode, Is.Zero, spread.Error);

        clock.Restart();
        var alone = await InProcessProgram.RunAsync(none, SweepRuns.Sweep($"Data Source={directory.File("alone.db")}", directory.File("alone.json")));
        TestContext.Out.WriteLine($"sweep of 8 on two silo processes: {clusterTime.TotalSeconds:0.0} s; in one process: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(alone.ExitCode, Is.Zero, alone.Error);

        var onCluster = await SweepRuns.ResultsAsync(directory.File("cluster.json"));
        var inProcess = await SweepRuns.ResultsAsync(directory.File("alone.json"));
        var silos = (JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(directory.File("cluster.json")))!["silos"]!;
        Assert.Multiple(() =>
        {
            Assert.That(onCluster.Keys, Is.EqualTo(Enumerable.Range(1, 8)));
            Assert.That(onCluster.Values.Select(r => (string)r["silo"]!).Distinct().Order(), Is.EqualTo(new[] { $"127.0.0.1:{ports[0]}", $"127.0.0.1:{ports[2]}" }.Order()), "both silos ran backtests");
            Assert.That(silos.Select(s => (string)s!), Is.EquivalentTo(new[] { $"127.0.0.1:{ports[0]}", $"127.0.0.1:{ports[2]}" }));
            foreach (var (combination, result) in onCluster)
            {
                Assert.That(JsonNode.DeepEquals(SweepRuns.Comparable(result), SweepRuns.Comparable(inProcess[combination])), Is.True, $"combination {combination}:\n{result}\nin one process:\n{inProcess[combination]}");
            }

            Assert.That((firstExit, secondExit), Is.EqualTo((0, 0)), "both silos left gracefully");
            Assert.That(first.ErrorLines.Concat(second.ErrorLines).Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal)), Is.Empty);
        });
    }
}
