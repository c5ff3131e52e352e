using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// One backtest run in-process through the program's own wiring against a <see cref="ChaosModel"/>, and what it
/// left: its exit code, output and wall time, its JSON summary, the stored run, decisions (with every agent's row) and
/// call log, and the server's own account of the requests it received.
/// </summary>
internal sealed record ChaosBacktest(
    int ExitCode,
    string Output,
    string Error,
    TimeSpan Elapsed,
    JsonObject? Summary,
    TradingRunRecord? Run,
    IReadOnlyList<TradingDecisionRecord> Decisions,
    IReadOnlyList<LlmCallRecord> Calls,
    IReadOnlyList<ServedRequest> Served)
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    /// <summary>Backtests BTC/USDT hourly over [<paramref name="from"/>, <paramref name="to"/>) of 2021 with the model answering by <paramref name="schedule"/>.</summary>
    public static async Task<ChaosBacktest> RunAsync(FaultSchedule schedule, DateOnly from, DateOnly to)
    {
        using var dir = new TempDirectory();
        await using var model = await ChaosModel.StartAsync(schedule);
        var db = $"Data Source={dir.File("cf.db")}";
        var json = dir.File("summary.json");
        var watch = Stopwatch.StartNew();
        var (exitCode, output, error) = await InProcessProgram.RunAsync(
            model.Settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--db", db, "--json", json);
        var elapsed = watch.Elapsed;
        var summary = File.Exists(json) ? JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject() : null;
        var runId = summary?["run"]?["id"]?.GetValue<string>();
        var store = new TradingStore(new CryptoFunkDbContextFactory(db));
        IReadOnlyList<LlmCallRecord> calls;
        await using (var context = new CryptoFunkDbContextFactory(db).CreateDbContext())
        {
            calls = await context.LlmCalls.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        }

        var result = new ChaosBacktest(
            exitCode,
            output,
            error,
            elapsed,
            summary,
            runId is null ? null : await store.RunAsync(runId, CancellationToken.None),
            runId is null ? [] : await store.DecisionsAsync(runId, CancellationToken.None),
            calls,
            model.Served);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return result;
    }
}
