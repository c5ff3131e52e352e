using System.Diagnostics;
using System.Security.Cryptography;
using CryptoFunk.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A SQLite journal that cannot take a write: opened read-only, or on a disk that fills up mid-run. Either way the
/// program says so in one line and exits 1, and what the file holds is whole: a read-only file is unchanged, and a
/// full disk keeps every batch that was committed and none of the one that was not.
/// </summary>
public sealed class SqliteFailureTests : TempDirectoryTest
{
    private static readonly string Btc2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    [Test]
    public async Task A_read_only_journal_is_one_error_line_exit_1_and_an_unchanged_file()
    {
        var file = Temp.File("journal.db");
        var first = await InProcessProgram.RunAsync(new Dictionary<string, string?>(), Backtest($"Data Source={file}", "2021-01-03"));
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        SqliteConnection.ClearAllPools();
        var before = Hash(file);

        var (exitCode, output, error) = await InProcessProgram.RunAsync(new Dictionary<string, string?>(), Backtest($"Data Source={file};Mode=ReadOnly", "2021-01-05"));
        SqliteConnection.ClearAllPools();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), error);
            Assert.That(output, Is.Empty);
            Assert.That(ErrorLines(error), Is.EqualTo(new[] { "error: database: the SQLite file is read-only; nothing was written (Database:ConnectionString, --db)" }));
            Assert.That(Hash(file), Is.EqualTo(before), "the file is as it was");
        });
    }

    [Test]
    public async Task A_full_disk_is_one_error_line_exit_1_and_a_journal_holding_whole_batches_only()
    {
        using var disk = await SmallDisk.MountAsync(Temp.File("disk"), "3m");
        var file = Path.Combine(disk.Path, "journal.db");

        var (exitCode, output, error) = await InProcessProgram.RunAsync(new Dictionary<string, string?>(), Backtest($"Data Source={file}", "2021-12-31"));
        SqliteConnection.ClearAllPools();

        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), error);
            Assert.That(ErrorLines(error), Is.EqualTo(new[] { "error: database: the disk is full; the last write was rolled back, nothing half-written" }));
            Assert.That(Scalar(connection, "PRAGMA integrity_check"), Is.EqualTo("ok"));
            Assert.That(Scalar(connection, "SELECT COUNT(*) FROM trading_decisions"), Is.GreaterThan(0L), "the batches before the disk filled are kept");
            Assert.That(
                Scalar(connection, "SELECT COUNT(*) FROM trading_decisions d WHERE NOT EXISTS (SELECT 1 FROM agent_decisions a WHERE a.TradingDecisionId = d.Id)"),
                Is.EqualTo(0L),
                "no decision without its agents' answers");
            Assert.That(
                Scalar(connection, "SELECT COUNT(*) FROM trading_decisions d WHERE NOT EXISTS (SELECT 1 FROM equity_snapshots e WHERE e.RunId = d.RunId AND e.Time = d.DecisionTime)"),
                Is.EqualTo(0L),
                "no decision without the equity of its close, which the same batch writes");
        });
        TestContext.Out.WriteLine($"disk full after {Scalar(connection, "SELECT COUNT(*) FROM trading_decisions")} stored decisions and {Scalar(connection, "SELECT COUNT(*) FROM agent_decisions")} agent answers");
    }

    private static string[] Backtest(string database, string to) =>
        ["backtest", "--data", Btc2021, "--symbol", "BTC/USDT", "--from", "2021-01-01", "--to", to, "--db", database];

    /// <summary>Standard error less the progress bar's lines.</summary>
    private static string[] ErrorLines(string error) =>
        [.. error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal))];

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A tmpfs of a fixed size, so a write can run out of disk; mounting needs root (CI runs as root).</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static async Task<SmallDisk> MountAsync(string path, string size)
        {
            Directory.CreateDirectory(path);
            using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", path]) { RedirectStandardError = true })!;
            var reason = await mount.StandardError.ReadToEndAsync();
            await mount.WaitForExitAsync();
            if (mount.ExitCode != 0)
            {
                var message = $"cannot mount a small tmpfs to fill ({reason.Trim()}); the full-disk test needs root";
                if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
                {
                    Assert.Fail(message);
                }

                Assert.Ignore(message);
            }

            return new SmallDisk(path);
        }

        public void Dispose()
        {
            using var unmount = Process.Start(new ProcessStartInfo("umount", [Path]))!;
            unmount.WaitForExit();
        }
    }
}
