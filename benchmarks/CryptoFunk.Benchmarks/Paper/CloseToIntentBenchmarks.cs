using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Benchmarks.Paper;

/// <summary>
/// One paper-trading close of two markets on one account, from "candle closed and data in hand" to "both order intents
/// stored": settle both markets, decide for both in parallel on the rules engine (group chat, consensus, risk gate),
/// check the second entry again against the first, store each decision and its intent in SQLite before the broker
/// sees the order. 2021-01-11 04:00 UTC is a close where BTC/USDT and ETH/USDT both buy, so every stage runs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 40, invocationCount: 1)]
public class CloseToIntentBenchmarks
{
    private static readonly DateTimeOffset Close = new(2021, 1, 11, 4, 0, 0, TimeSpan.Zero);

    private string _directory = null!;
    private ServiceProvider _services = null!;
    private IReadOnlyList<MarketHistory> _markets = null!;
    private TradingDecisionMaker _maker = null!;
    private TradingRunSetup _setup = null!;
    private TradingStore _store = null!;
    private PaperBrokerOptions _broker = null!;
    private TradingSession _session = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        _services = await PaperMarkets.ServicesAsync(_directory);
        _markets = await PaperMarkets.LoadAsync(2);
        _maker = _services.GetRequiredService<TradingDecisionMaker>();
        _setup = TradingRunSetup.Of(_maker, _services.GetRequiredService<LlmProviderRegistry>(), _services.GetRequiredService<IOptions<ModelPipelineOptions>>().Value, orderBooks: false);
        _store = _services.GetRequiredService<TradingStore>();
        _broker = _services.GetRequiredService<IOptions<PaperBrokerOptions>>().Value with { InitialCash = 10_000m, AllowShorts = _maker.Options.AllowShorts };
    }

    /// <summary>A new account for each close measured, as a fresh paper account would meet it.</summary>
    [IterationSetup]
    public void NewAccount()
    {
        var runId = TradingRunSetup.NewRunId("bench", TimeProvider.System);
        _store.StartRunAsync(
            new TradingRunRecord { Id = runId, Kind = TradingRunKinds.Paper, Symbol = "BTC/USDT,ETH/USDT", Interval = "1h", InitialCapital = 10_000m, LlmMode = _setup.Mode, StartedAt = TimeProvider.System.GetUtcNow() },
            CancellationToken.None).GetAwaiter().GetResult();
        _session = new TradingSession(runId, _markets, new PaperBroker(_broker), _maker, _setup.Participants, _store, TimeProvider.System, batchSize: 1);
        _session.Begin(Close - Timeframe.OneHour.Duration);
    }

    [IterationCleanup]
    public void StoreTheRest() => _session.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The close; returns the entries so the work cannot be skipped, and fails unless both markets bought.</summary>
    [Benchmark]
    public async Task<int> TwoMarketsCloseToIntentStored()
    {
        var decisions = await _session.StepAsync(Close, decide: true, CancellationToken.None);
        var entries = decisions.Count(d => d.IsEntry);
        return entries == 2 ? entries : throw new InvalidOperationException($"expected two entries, got {string.Join("; ", decisions.Select(d => d.Reason))}");
    }
}
