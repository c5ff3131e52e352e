using BenchmarkDotNet.Attributes;
using CryptoFunk.Cluster.Paper;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoFunk.Benchmarks.Paper;

/// <summary>
/// A week of hourly paper trading (2021-03-01 to 03-08, 168 closes) over ten markets on one account on the rules
/// engine, every close stored in SQLite: in one process (<see cref="PaperTrader"/>, the markets' desks beside the
/// account) and through the paper grains of one localhost silo (the account grain, ten market grains, every message
/// through the codec, every close stored before the grain answers). The difference is what grains cost a close when no
/// model is called.
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

    /// <summary>The week in one process, as <c>paper --replay --speed max</c> runs it; returns the decisions made.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> TenMarketsOneWeekInProcess()
    {
        var report = await _silo.Services.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest($"local{++_accounts}", 10_000m, Feed()), progress: null, CancellationToken.None);
        return report.Tally.Decisions;
    }

    /// <summary>The same week through the grains; returns the decisions made.</summary>
    [Benchmark]
    public async Task<int> TenMarketsOneWeekThroughGrains()
    {
        var name = $"grains{++_accounts}";
        var store = _silo.Services.GetRequiredService<TradingStore>();
        await store.StartRunAsync(
            new TradingRunRecord
            {
                Id = PaperAccounts.RunId(name), Kind = TradingRunKinds.Paper, Symbol = string.Join(",", _markets.Select(m => m.Symbol)), Interval = "1h",
                InitialCapital = 10_000m, LlmMode = "rules", StartedAt = DateTimeOffset.UtcNow, Owner = RunOwner.Current,
            },
            CancellationToken.None);
        var rules = _silo.Services.GetRequiredService<ExchangeRuleBook>();
        var feed = Feed();
        var histories = await feed.StartAsync(null, CancellationToken.None);
        var account = new ClusterPaperAccount(
            _silo.Services.GetRequiredService<IGrainFactory>(),
            new PaperAccountOpening(name, 10_000m, histories, histories.ToDictionary(m => m.Symbol, m => rules.For(m.Symbol)), OrderBooks: false),
            TimeProvider.System,
            NullLogger<ClusterPaperAccount>.Instance);
        var decisions = 0;
        while (await feed.NextCloseAsync(CancellationToken.None) is { } close)
        {
            decisions += (await account.StepAsync(close, CancellationToken.None)).Decisions.Count;
        }

        return decisions;
    }

    private ReplayFeed Feed() => new(_markets, "benchmark", From, From.AddDays(7), speed: null, TimeProvider.System);
}
