using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Tests.Storage;

/// <summary>
/// On SQLite, one process's write transactions take turns behind an in-process gate: with a short busy timeout,
/// writers that met the file's write lock instead would give up with "database is locked".
/// </summary>
public sealed class SqliteWriteGateTests
{
    private const int Writers = 24;
    private const int RowsPerWrite = 10_000;

    [Test]
    public async Task Many_concurrent_write_transactions_of_one_process_all_succeed_under_a_one_second_busy_timeout()
    {
        // Default Timeout bounds both SQLite's busy handler and Microsoft.Data.Sqlite's retries; each write holds the
        // lock for tens of milliseconds, all of them together for well over a second.
        await using var database = await StoreDatabase.CreateAsync(StoreDatabase.Sqlite, "Default Timeout=1");
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var curve = Enumerable.Range(0, RowsPerWrite).Select(i => new EquityPoint(t0.AddHours(i), 10_000m + i)).ToList();
        using var start = new ManualResetEventSlim();

        // Each writer on its own thread, so they all reach the database at once (SQLite's calls block their thread).
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(
            async () =>
            {
                start.Wait();
                try
                {
                    await database.Store.SaveBaselineAsync($"run-{writer}", RunBaselines.BuyAndHold, curve, CancellationToken.None);
                    return null;
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                {
                    return $"writer {writer}: {e.GetBaseException().Message}";
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToList();
        start.Set();
        var failures = (await Task.WhenAll(writers)).OfType<string>().ToList();

        Assert.That(failures, Is.Empty, $"{failures.Count} of {Writers} writes failed");
        await using var context = await database.Contexts.CreateDbContextAsync();
        Assert.That(context.BaselineEquity.Count(), Is.EqualTo(Writers * RowsPerWrite));
    }
}
