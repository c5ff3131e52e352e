using BenchmarkDotNet.Attributes;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// One year of hourly decisions (2021, 8,760 bars) through the whole flow in rules mode: every agent invoked from its
/// prompt file, the group chat, the risk gate, the paper broker, and every decision, agent decision, order, fill and
/// equity snapshot persisted to a SQLite file, as the host configures it. The goal is at most 2 s per run.
/// </summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class BacktestBenchmarks
{
    private string _directory = null!;
    private ServiceProvider _services = null!;
    private BacktestRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "backtest.db")}",
            ["Prompts:Directory"] = Path.Combine(Paths.RepositoryRoot, "prompts"),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddTradingEngine(configuration).BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var series = await CandleFileReader.ReadAsync(Path.Combine(Paths.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"), CancellationToken.None);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _request = new BacktestRequest(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles, from, from.AddYears(1), 10_000m, series.Source);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The 2021 backtest; returns the decisions made so the work cannot be skipped.</summary>
    [Benchmark]
    public async Task<int> OneYearOfHourlyDecisions()
    {
        var report = await _services.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
        return report.Tally.Decisions;
    }
}
