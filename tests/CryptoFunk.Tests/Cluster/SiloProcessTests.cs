using System.Text.Json;
using CryptoFunk.Tests.Support;
using Npgsql;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// <c>cryptofunk silo</c> as a real process joins a cluster through PostgreSQL (its tables created on a fresh
/// database), shows in <c>cluster status</c> with its grains and the decision rate, and on SIGTERM leaves gracefully.
/// </summary>
[NonParallelizable]
public sealed class SiloProcessTests
{
    private static readonly string Data = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    [Test]
    public async Task A_silo_joins_through_postgres_shows_in_cluster_status_and_leaves_on_sigterm()
    {
        await using var cluster = await PostgresDatabase.CreateAsync();
        using var directory = new TempDirectory();
        var journal = $"Data Source={directory.File("journal.db")}";
        var ports = LoopbackPort.Free(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        var none = new Dictionary<string, string?>();

        // 23 decisions stored just now give the rate cluster status must report.
        var backtest = await InProcessProgram.RunAsync(none, "backtest", "--data", Data, "--symbol", "BTC/USDT", "--from", "2021-12-31", "--to", "2022-01-01", "--db", journal);
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);

        using var silo = ProgramProcess.StartIn(directory.Path, new Dictionary<string, string>(), "silo", "--cluster", cluster.ConnectionString, "--port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--db", journal);
        var joined = await silo.WaitForLineAsync($"joined cluster cryptofunk at 127.0.0.1:{siloPort}", TimeSpan.FromSeconds(90));

        var (code, output, error) = await InProcessProgram.RunAsync(none, "cluster", "status", "--cluster", cluster.ConnectionString, "--db", journal, "--json");
        Assert.That(code, Is.Zero, error);
        using var status = JsonDocument.Parse(output);
        var silos = status.RootElement.GetProperty("silos").EnumerateArray().ToList();
        var grains = status.RootElement.GetProperty("grains").EnumerateArray().ToList();
        var rate = status.RootElement.GetProperty("decisions_per_minute");

        var exit = await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        var membership = await MembershipStatusAsync(cluster.ConnectionString, siloPort);
        Assert.Multiple(() =>
        {
            Assert.That(silos.Select(s => (s.GetProperty("address").GetString(), s.GetProperty("status").GetString())), Is.EqualTo(new[] { ($"127.0.0.1:{siloPort}", "Active") }));
            Assert.That(joined, Does.Contain($"silo {silos[0].GetProperty("name").GetString()} joined"));
            Assert.That(grains.Any(g => g.GetProperty("silo").GetString() == $"127.0.0.1:{siloPort}" && g.GetProperty("grain_type").GetString() == "ManagementGrain"), output);
            Assert.That(rate.GetProperty("value").GetDouble(), Is.EqualTo(23 / 5d), output);
            Assert.That(exit, Is.Zero, string.Join('\n', silo.Lines));
            Assert.That(silo.ErrorLines, Has.One.Contains($"left cluster cryptofunk at 127.0.0.1:{siloPort}"));
            Assert.That(membership, Is.EqualTo(6), "Orleans' SiloStatus.Dead in the membership table");
        });
    }

    private static async Task<int> MembershipStatusAsync(string connectionString, int port)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT Status FROM OrleansMembershipTable WHERE Port = @port", connection);
        read.Parameters.AddWithValue("port", port);
        return (int)(await read.ExecuteScalarAsync())!;
    }
}
