using BenchmarkDotNet.Attributes;
using CryptoFunk.Cluster.Paper;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoFunk.Benchmarks.Paper;

/// <summary>
/// A week of hourly paper trading (2021-03-01 to 03-08, 168 closes) over ten markets on one account on the rules
/// engine, every close stored in SQLite, run by <see cref="PaperTrader"/>: with the account and the markets' desks in
/// the trader's process, and through the paper grains of one localhost silo as <c>paper</c> runs it (the account grain,
/// ten market grains, every message through the codec). The difference is what grains cost a close when no model is
/// called.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PaperGrainsBenchmarks
{
    private const int Markets = 10;
    private static readonly DateTimeOffset From = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private string _directory = null!;
    private IHost _silo = null!;
    private IReadOnlyList<MarketHistory> _markets = null!;
    private int _accounts;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        _markets = await PaperMarkets.LoadAsync(Markets);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(PaperMarkets.Settings(_directory));
        builder.Services.AddTradingEngine(builder.Configuration);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddPaperGrains());
        _silo = builder.Build();
        await _silo.StartAsync();
        await _silo.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The week with the account and its markets in this process (<see cref="LocalPaperAccountHost"/>); returns the decisions made.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> TenMarketsOneWeekInProcess() =>
        RunAsync(ActivatorUtilities.CreateInstance<PaperTrader>(_silo.Services, ActivatorUtilities.CreateInstance<LocalPaperAccountHost>(_silo.Services)), "local");

    /// <summary>The same week as <c>paper --replay --speed max</c> runs it, through the grains; returns the decisions made.</summary>
    [Benchmark]
    public Task<int> TenMarketsOneWeekThroughGrains() => RunAsync(_silo.Services.GetRequiredService<PaperTrader>(), "grains");

    private async Task<int> RunAsync(PaperTrader trader, string account)
    {
        var report = await trader.RunAsync(new PaperRequest($"{account}{++_accounts}", 10_000m, Feed()), progress: null, CancellationToken.None);
        return report.Tally.Decisions;
    }

    private ReplayFeed Feed() => new(_markets, "benchmark", From, From.AddDays(7), speed: null, TimeProvider.System);
}
