using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// One year of hourly decisions (2021) replayed from recorded model answers: every agent's every call is served
/// from the recording made once in setup (through the whole pipeline in record mode, over an instant provider),
/// then the group chat, risk gate, paper broker and database as in the rules benchmark. The goal is at most 3 s.
/// </summary>
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class ReplayBenchmarks
{
    private string _directory = null!;
    private ServiceProvider _replay = null!;
    private BacktestRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        var series = await CandleFileReader.ReadAsync(Path.Combine(Paths.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"), CancellationToken.None);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _request = new BacktestRequest(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles, from, from.AddYears(1), 10_000m, series.Source);

        var desk = new LlmProvider(new LlmProviderOptions { Type = "openai", Model = "desk", InputUsdPerMillionTokens = 3, OutputUsdPerMillionTokens = 15 }, new RecordingDesk());
        await using (var recorder = Services("record", services => services.AddSingleton(LlmProviderRegistry.Of(desk))))
        {
            await recorder.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var recorded = await recorder.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
            Console.WriteLine($"// recorded {recorded.Tally.ModelCalls.Live} model calls over {recorded.Tally.Decisions} decisions");
        }

        _replay = Services("replay", _ => { });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _replay.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The 2021 backtest replayed; returns the replayed calls so the work cannot be skipped.</summary>
    [Benchmark]
    public async Task<int> OneYearOfHourlyDecisionsReplayed()
    {
        var report = await _replay.GetRequiredService<BacktestRunner>().RunAsync(_request, progress: null, CancellationToken.None);
        return report.Tally.ModelCalls.Replayed;
    }

    private ServiceProvider Services(string mode, Action<IServiceCollection> configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "backtest.db")}",
            ["Prompts:Directory"] = Path.Combine(Paths.RepositoryRoot, "prompts"),
            ["Llm:Mode"] = mode,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        configure(services);
        return services.AddTradingEngine(configuration).BuildServiceProvider();
    }
}
