using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Paper;

/// <summary>
/// A year of hourly paper trading (2021) over ten markets on one account, replayed as fast as possible on the rules
/// engine through <see cref="PaperTrader"/> exactly as <c>cryptofunk paper --replay --speed max</c> runs it, every
/// close stored in SQLite. Cleanup prints the process's peak working set and the journal's size per market-year.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class PaperReplayBenchmarks
{
    private const int Markets = 10;

    private string _directory = null!;
    private ServiceProvider _services = null!;
    private IReadOnlyList<MarketHistory> _markets = null!;
    private int _accounts;
    private long _lastAccountBytes;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        _services = await PaperMarkets.ServicesAsync(_directory);
        _markets = await PaperMarkets.LoadAsync(Markets);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Console.WriteLine($"// peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB");
        Console.WriteLine($"// journal {_lastAccountBytes / (1024.0 * 1024.0 * Markets):F2} MiB per market-year (last account's growth of the SQLite file over {Markets} markets)");
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One account over the year; returns its decisions so the work cannot be skipped.</summary>
    [Benchmark]
    public async Task<int> TenMarketsOneYearOfHourlyReplay()
    {
        var before = DatabaseBytes();
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var feed = new ReplayFeed(_markets, "benchmark", from, from.AddYears(1), speed: null, TimeProvider.System);
        var report = await _services.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest($"bench{++_accounts}", 10_000m, feed), progress: null, CancellationToken.None);
        _lastAccountBytes = DatabaseBytes() - before;
        return report.Tally.Decisions;
    }

    private long DatabaseBytes() => Directory.EnumerateFiles(_directory, "paper.db*").Sum(file => new FileInfo(file).Length);
}
