using System.Diagnostics;
using System.Text.Json;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Backtesting;

/// <summary>
/// Runs the whole decision flow at every bar of a window, stores the run, its decisions, orders, fills, positions and
/// equity, and reports the result next to buy-and-hold and the rules engine alone. Deterministic: the same candles,
/// options and recorded answers give the same report and the same stored decisions. The run's alerts are flushed
/// (bounded) before it reports, so even a short backtest's alerts arrive.
/// </summary>
public sealed class BacktestRunner(
    TradingDecisionMaker maker,
    TradingStore store,
    DatabaseMigrator migrator,
    LlmProviderRegistry providers,
    IOptions<ModelPipelineOptions> pipeline,
    ModelBudget budget,
    IOptions<PaperBrokerOptions> broker,
    ExchangeRuleBook exchangeRules,
    SpanDropCounter spanDrops,
    CacheUnavailableCounter cacheUnavailable,
    IAlertSink alerts,
    TimeProvider time)
{
    /// <summary>Progress is reported this many times per run at most, so drawing it costs nothing measurable.</summary>
    private const int ProgressSteps = 200;

    /// <summary>Runs <paramref name="request"/>, reporting progress as it goes.</summary>
    public async Task<BacktestReport> RunAsync(BacktestRequest request, IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        var (history, first) = Window(request);
        var last = history.Candles.Count - 1;
        var brokerOptions = broker.Value with { InitialCash = request.Capital, AllowShorts = maker.Options.AllowShorts };
        var setup = TradingRunSetup.Of(maker, providers, pipeline.Value, orderBooks: false);
        var rulesOnly = setup.RulesOnly;
        var mode = setup.Mode;
        var notes = setup.Notes;
        var runId = request.RunId ?? TradingRunSetup.NewRunId("bt", time);
        var startedAt = time.GetUtcNow();
        var spansDroppedBefore = spanDrops.Total;
        var cacheUnavailableBefore = cacheUnavailable.Total;
        budget.BeginRun();
        await migrator.MigrateAsync(cancellationToken);
        await store.StartRunAsync(
            new TradingRunRecord
            {
                Id = runId,
                Kind = TradingRunKinds.Backtest,
                Symbol = request.Symbol.ToString(),
                Interval = request.Timeframe.Code,
                From = request.From,
                To = request.To,
                InitialCapital = request.Capital,
                LlmMode = mode,
                StartedAt = startedAt,
                SettingsJson = JsonSerializer.Serialize(Settings(request, setup, brokerOptions)),
            },
            cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var session = new TradingSession(runId, [history], new PaperBroker(brokerOptions, exchangeRules), maker, setup.Participants, store, time, alerts: alerts)
        {
            StoresIntentsBeforePlacing = false,
        };

        // The rules engine alone trades the same bars beside the agents: it stores nothing and shares no state with them.
        using var stopBaseline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var baseline = rulesOnly
            ? null
            : Task.Run(() => RunBaselineAsync(runId, history, first, last, setup, brokerOptions, stopBaseline.Token), stopBaseline.Token);
        try
        {
            await RunSessionAsync(session, history, first, last, progress, cancellationToken);
        }
        catch (Exception e)
        {
            await stopBaseline.CancelAsync();
            if (baseline is not null)
            {
                await Task.WhenAny(baseline);
            }

            await store.FinishRunAsync(runId, TradingRunStatuses.Failed, null, spanDrops.Total - spansDroppedBefore, time.GetUtcNow(), CancellationToken.None);
            throw new BacktestFailedException($"backtest {runId} failed at {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            await alerts.FlushAsync(CancellationToken.None);
        }

        var elapsed = stopwatch.Elapsed;
        var agents = PerformanceCalculator.Compute(session.EquityCurve, session.Tally.ClosedTrades, session.Tally.FeesPaid, request.Timeframe.Duration);
        var rules = agents;
        if (baseline is not null)
        {
            var baselineCurve = await baseline;
            rules = baselineCurve.Metrics;
            await store.SaveBaselineAsync(runId, RunBaselines.RulesOnly, baselineCurve.Curve, cancellationToken);
        }

        var firstClose = history.Candles[first].OpenTime + request.Timeframe.Duration;
        var buyAndHold = BuyAndHoldBaseline.Run(
            history.Candles, request.Symbol, request.Timeframe, history.Candles[first].OpenTime, request.To, brokerOptions, exchangeRules.For(request.Symbol));
        await store.SaveBaselineAsync(runId, RunBaselines.BuyAndHold, buyAndHold.Curve, cancellationToken);
        if (buyAndHold.NotBought is { } notBought)
        {
            notes = [.. notes, $"buy and hold bought nothing: {notBought}"];
        }

        var report = new BacktestReport
        {
            RunId = runId,
            Symbol = request.Symbol,
            Timeframe = request.Timeframe,
            From = firstClose,
            To = history.Candles[last].OpenTime + request.Timeframe.Duration,
            Capital = request.Capital,
            Mode = mode,
            Bars = last - first + 1,
            Agents = agents,
            BuyAndHold = buyAndHold.Metrics,
            RulesOnly = rules,
            RulesOnlyIsSameRun = rulesOnly,
            Tally = session.Tally,
            Budget = await budget.StatusAsync(cancellationToken),
            CacheUnavailable = cacheUnavailable.Total - cacheUnavailableBefore,
            Notes = notes,
            Warnings = TrainingCutoffWarnings.For(firstClose, setup.TrainingCutoffs),
            StartedAt = startedAt,
            Elapsed = elapsed,
            SpansDropped = spanDrops.Total - spansDroppedBefore,
        };
        await store.FinishRunAsync(runId, TradingRunStatuses.Completed, BacktestReportJson.Write(report), report.SpansDropped, time.GetUtcNow(), cancellationToken);
        return report;
    }

    /// <summary>What the run stores as its settings: the data, the choices that shape its decisions, and any overrides.</summary>
    private Dictionary<string, object> Settings(BacktestRequest request, TradingRunSetup setup, PaperBrokerOptions brokerOptions)
    {
        var settings = new Dictionary<string, object>
        {
            ["data"] = request.DataSource,
            ["consensus_threshold"] = maker.Options.ConsensusThreshold,
            ["analysis_agents"] = setup.AnalysisAgents,
            ["fee_rate"] = brokerOptions.TakerFeeRate,
            [ExchangeRulesSetting.Key] = ExchangeRulesSetting.Of([request.Symbol], exchangeRules),
            [TrainingCutoffWarnings.SettingsKey] = setup.TrainingCutoffs,
        };
        if (request.ConfigurationOverrides is { } overrides)
        {
            settings["configuration_overrides"] = overrides;
        }

        return settings;
    }

    /// <summary>The rules engine alone over the same bars, nothing stored: the report's comparison.</summary>
    private async Task<(IReadOnlyList<EquityPoint> Curve, PerformanceMetrics Metrics)> RunBaselineAsync(
        string runId, MarketHistory history, int first, int last, TradingRunSetup setup, PaperBrokerOptions brokerOptions, CancellationToken cancellationToken)
    {
        var baseline = new TradingSession(runId, [history], new PaperBroker(brokerOptions, exchangeRules), maker, maker.CreateParticipants(setup.Unavailable, rulesOnly: true), store: null, time);
        await RunSessionAsync(baseline, history, first, last, progress: null, cancellationToken);
        return (baseline.EquityCurve, PerformanceCalculator.Compute(baseline.EquityCurve, baseline.Tally.ClosedTrades, baseline.Tally.FeesPaid, history.Timeframe.Duration));
    }

    private static async Task RunSessionAsync(TradingSession session, MarketHistory history, int first, int last, IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        session.Begin(history.Candles[first].OpenTime);
        var total = last - first + 1;
        for (var i = first; i <= last; i++)
        {
            // The last bar is settled but not decided on: no later bar exists to fill an order placed at its close.
            await session.StepAsync(i, decide: i < last, cancellationToken);
            var done = i - first + 1;
            if (progress is not null && (done == total || done * ProgressSteps / total != (done - 1) * ProgressSteps / total))
            {
                progress.Report(new BacktestProgress(done, total));
            }
        }

        await session.FlushAsync(cancellationToken);
    }

    private static (MarketHistory History, int First) Window(BacktestRequest request)
    {
        if (request.From >= request.To)
        {
            throw new ArgumentException($"--from {UtcTimestamp.Format(request.From)} must be before --to {UtcTimestamp.Format(request.To)}");
        }

        if (request.Capital <= 0m)
        {
            throw new ArgumentException($"--capital must be positive, was {request.Capital}");
        }

        var bar = request.Timeframe.Duration;
        var candles = request.Candles.Where(c => c.OpenTime + bar <= request.To).ToList();
        var first = candles.FindIndex(c => c.OpenTime >= request.From);
        if (first < 0 || candles.Count - first < 2)
        {
            var range = request.Candles.Count == 0
                ? "no candles"
                : $"candles from {UtcTimestamp.Format(request.Candles[0].OpenTime)} to {UtcTimestamp.Format(request.Candles[^1].OpenTime + bar)}";
            throw new ArgumentException(
                $"fewer than two {request.Symbol} {request.Timeframe} bars close between {UtcTimestamp.Format(request.From)} and {UtcTimestamp.Format(request.To)}; the data has {range}");
        }

        return (new MarketHistory(request.Symbol, request.Timeframe, candles), first);
    }
}
