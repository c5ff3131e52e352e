using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Benchmarks.Agents;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// One year of hourly decisions (2021, 8,760 bars) through the whole flow: every agent invoked from its prompt file,
/// the group chat, the risk gate, the paper broker, and every decision, agent decision, order, fill and equity
/// snapshot persisted to a SQLite file, as the host configures it. On the rules engine (goal: at most 2 s), and
/// replayed from recorded model answers, every agent's every call served from the recording made once in setup
/// through the whole pipeline in record mode over an instant provider (goal: at most 3 s).
/// </summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class BacktestBenchmarks
{
    private string _directory = null!;
    private ServiceProvider _services = null!;
    private BacktestRequest _request = null!;

    [GlobalSetup(Target = nameof(OneYearOfHourlyDecisions))]
    public async Task SetupRulesAsync()
    {
        await ReadCandlesAsync();
        _services = await MigratedAsync(Services("live", _ => { }));
    }

    [GlobalSetup(Target = nameof(OneYearOfHourlyDecisionsReplayed))]
    public async Task SetupReplayAsync()
    {
        await ReadCandlesAsync();
        var desk = new LlmProvider(new LlmProviderOptions { Type = "openai", Model = "desk" }, new InstantChatClient(RecordingDesk.Answer));
        var providers = LlmProviderRegistry.Of(desk);
        await using (var recorder = await MigratedAsync(Services("record", services => services.AddSingleton(providers))))
        {
            var recorded = await recorder.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
            Console.WriteLine($"// recorded {recorded.Tally.ModelCalls.Live} model calls over {recorded.Tally.Decisions} decisions");
        }

        // Recordings are keyed by the configured provider chain too: replay is configured as recorded, and never calls it.
        _services = Services("replay", services => services.AddSingleton(providers));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The 2021 backtest on the rules engine; returns the decisions made so the work cannot be skipped.</summary>
    [Benchmark]
    public async Task<int> OneYearOfHourlyDecisions()
    {
        var report = await _services.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
        return report.Tally.Decisions;
    }

    /// <summary>The 2021 backtest replayed; returns the replayed calls so the work cannot be skipped.</summary>
    [Benchmark]
    public async Task<int> OneYearOfHourlyDecisionsReplayed()
    {
        var report = await _services.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
        return report.Tally.ModelCalls.Replayed;
    }

    private async Task ReadCandlesAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        var series = await CandleFileReader.ReadAsync(Path.Combine(Paths.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"), CancellationToken.None);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _request = new BacktestRequest(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles, from, from.AddYears(1), 10_000m, series.Source);
    }

    private static async Task<ServiceProvider> MigratedAsync(ServiceProvider services)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return services;
    }

    private ServiceProvider Services(string llmMode, Action<IServiceCollection> configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "backtest.db")}",
            ["Prompts:Directory"] = Path.Combine(Paths.RepositoryRoot, "prompts"),
            ["Llm:Mode"] = llmMode,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        configure(services);
        return services.AddTradingEngine(configuration).BuildServiceProvider();
    }
}
