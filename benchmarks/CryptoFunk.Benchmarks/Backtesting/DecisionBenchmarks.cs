using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// One trading decision in rules mode: the group chat with its selection and termination strategies, the analysts
/// and (when they agree) the strategists and the risk review, all answered by the rules engine; no storage.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private ServiceProvider _services = null!;
    private TradingDecisionMaker _maker = null!;
    private DecisionParticipants _participants = null!;
    private DecisionContext _context = null!;
    private AgentInvokeOptions _inputs = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prompts:Directory"] = Path.Combine(Paths.RepositoryRoot, "prompts"),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddTradingEngine(configuration).BuildServiceProvider();
        _maker = _services.GetRequiredService<TradingDecisionMaker>();
        _participants = _maker.CreateParticipants(["order_book"], rulesOnly: true);
        var series = await CandleFileReader.ReadAsync(Path.Combine(Paths.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"), CancellationToken.None);
        var snapshot = new MarketHistory(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles).SnapshotAt(new DateTimeOffset(2021, 1, 2, 22, 0, 0, TimeSpan.Zero));
        _context = new DecisionContext(snapshot, new PortfolioExposure(10_000m, 10_000m, 10_000m, []), Position: null);
        _inputs = DecisionInputs.ForRules(new DecisionSituation(snapshot));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    /// <summary>
    /// One decision at 2021-01-02 22:00 UTC, a bar where the analysts agree on BUY, so every stage runs and the risk
    /// gate sizes an entry (the first BUY of the 2021 rules backtest).
    /// </summary>
    [Benchmark]
    public async Task<TradeAction> OneDecisionRulesOnly()
    {
        var decision = await _maker.DecideAsync(_participants, _context, _inputs, CancellationToken.None);
        return decision.Action == TradeAction.Buy
            ? decision.Action
            : throw new InvalidOperationException($"expected a BUY through every stage, got {decision.Reason}");
    }
}
