using System.Diagnostics;
using System.Text.Json;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Paper trading, the host's main job: one account on one or more markets, deciding at every close the feed delivers
/// and executing on the paper broker, with the run, decisions, orders, fills and equity stored as it goes. The account
/// trades where <see cref="IPaperAccountHost"/> keeps it (its grain, on the command line); this loop feeds it closes and
/// reports what each did, then reads the account back from its journal for the report. A stop request (Ctrl+C) ends the
/// run after the step in progress, with everything stored and its alerts flushed (bounded).
/// </summary>
public sealed class PaperTrader(
    IPaperAccountHost accounts,
    PaperAccountOpener opener,
    TradingDecisionMaker maker,
    TradingStore store,
    DatabaseMigrator migrator,
    LlmProviderRegistry providers,
    IOptions<ModelPipelineOptions> pipeline,
    IOptions<PaperBrokerOptions> broker,
    ExchangeRuleBook exchangeRules,
    SpanDropCounter spanDrops,
    CacheUnavailableCounter cacheUnavailable,
    ModelBudget budget,
    IAlertSink alerts,
    TimeProvider time)
{
    /// <summary>
    /// Trades <paramref name="request"/> until its feed ends or <paramref name="stopping"/> is cancelled; a step once
    /// started is finished and stored. Reports each close to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The capital or account name is not valid.</exception>
    /// <exception cref="ExchangeRulesUnavailableException">A live feed could not fetch the exchange's order rules.</exception>
    /// <exception cref="TradingRunFailedException">The run failed; it is stored as failed.</exception>
    public async Task<PaperReport> RunAsync(PaperRequest request, IProgress<PaperStep>? progress, CancellationToken stopping)
    {
        if (request.Capital <= 0m)
        {
            throw new ArgumentException($"--capital must be positive, was {request.Capital}");
        }

        if (!PaperAccounts.IsValidName(request.Account))
        {
            throw new ArgumentException($"--account '{request.Account}' must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        var runId = PaperAccounts.RunId(request.Account);
        await migrator.MigrateAsync(CancellationToken.None);
        await store.InterruptAbandonedRunsAsync(CancellationToken.None);
        var existing = await store.RunAsync(runId, CancellationToken.None);
        var journal = existing is null ? null : await store.JournalAsync(runId, CancellationToken.None);

        // A continued account is rebuilt by settling every stored close again, so the histories reach back to the first.
        var markets = await request.Feed.StartAsync(journal?.Equity.Count > 0 ? journal.Equity[0].Time : null, stopping);
        var rules = await RulesAsync(request.Feed, stopping);
        var setup = TradingRunSetup.Of(maker, providers, pipeline.Value, orderBooks: request.Feed.HasOrderBooks);
        var brokerOptions = broker.Value with { InitialCash = request.Capital, AllowShorts = maker.Options.AllowShorts };
        budget.BeginRun();
        var startedAt = time.GetUtcNow();
        var spansDroppedBefore = spanDrops.Total;
        var cacheUnavailableBefore = cacheUnavailable.Total;
        var bar = markets[0].Timeframe.Duration;
        if (existing is not null && journal is not null)
        {
            PaperAccounts.CheckContinues(existing, request, markets);
            if (journal.Equity.Count > 0)
            {
                request.Feed.ResumeFrom(journal.Equity[^1].Time);
            }

            await store.ResumeRunAsync(runId, RunOwner.Current, CancellationToken.None);
        }
        else
        {
            await store.StartRunAsync(
                new TradingRunRecord
                {
                    Id = runId,
                    Kind = TradingRunKinds.Paper,
                    Symbol = string.Join(",", markets.Select(m => m.Symbol)),
                    Interval = markets[0].Timeframe.Code,
                    InitialCapital = request.Capital,
                    LlmMode = setup.Mode,
                    StartedAt = startedAt,
                    Owner = RunOwner.Current,
                    SettingsJson = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["account"] = request.Account,
                        ["data"] = request.Feed.Source,
                        ["consensus_threshold"] = maker.Options.ConsensusThreshold,
                        ["analysis_agents"] = setup.AnalysisAgents,
                        ["fee_rate"] = brokerOptions.TakerFeeRate,
                        [ExchangeRulesSetting.Key] = ExchangeRulesSetting.Of(markets.Select(m => m.Symbol), rules),
                        [TrainingCutoffWarnings.SettingsKey] = setup.TrainingCutoffs,
                    }),
                },
                CancellationToken.None);
        }

        // The per-run limit covers the account's whole life, what it spent before a restart too.
        budget.BeginRun(journal?.Counts.CostUsd ?? 0m);
        var opening = new PaperAccountOpening(request.Account, request.Capital, markets, markets.ToDictionary(m => m.Symbol, m => rules.For(m.Symbol)), request.Feed.HasOrderBooks);
        var stopwatch = Stopwatch.StartNew();
        var stopped = false;
        TradingSession session;
        PaperBaselines? baselines = null;
        try
        {
            // Each close is stored before its step returns, so a crash loses at most the close in progress and a restart
            // (or the account's grain on another silo) continues from there.
            await using var account = await accounts.OpenAsync(opening, CancellationToken.None);
            while (true)
            {
                MarketClose? close;
                try
                {
                    close = await request.Feed.NextCloseAsync(stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }

                if (close is null)
                {
                    break;
                }

                opening = opening.With(close.Extended);
                // Not the stop token: a step once started is finished, so no decision is left without its orders.
                var step = await account.StepAsync(close, CancellationToken.None);
                progress?.Report(step with { Budget = await budget.StatusAsync(CancellationToken.None) });
                if (stopping.IsCancellationRequested)
                {
                    stopped = !close.IsLast;
                    break;
                }
            }

            session = await opener.ReadAsync(opening, setup.Participants, CancellationToken.None);
            baselines = await PaperBaselines.ComputeAsync(session, setup, maker, brokerOptions, rules, time, CancellationToken.None);
            if (baselines is not null)
            {
                await store.SaveBaselineAsync(runId, RunBaselines.BuyAndHold, baselines.BuyAndHoldCurve, CancellationToken.None);
                if (!baselines.RulesOnlyIsSameRun)
                {
                    await store.SaveBaselineAsync(runId, RunBaselines.RulesOnly, baselines.RulesOnlyCurve, CancellationToken.None);
                }
            }
        }
        catch (Exception e)
        {
            await store.FinishRunAsync(runId, TradingRunStatuses.Failed, null, spanDrops.Total - spansDroppedBefore, time.GetUtcNow(), CancellationToken.None);
            throw new TradingRunFailedException($"paper run {runId} failed at {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            await alerts.FlushAsync(CancellationToken.None);
        }

        var curve = session.EquityCurve;
        var report = new PaperReport
        {
            RunId = runId,
            Account = request.Account,
            Symbols = [.. markets.Select(m => m.Symbol)],
            Timeframe = markets[0].Timeframe,
            Mode = setup.Mode,
            Source = request.Feed.Source,
            Capital = request.Capital,
            FirstClose = curve.Count > 1 ? curve[1].Time : null,
            LastClose = curve.Count > 1 ? curve[^1].Time : null,
            Closes = Math.Max(0, curve.Count - 1),
            Equity = session.Broker.Equity,
            Cash = session.Broker.Cash,
            Positions = PositionView.Of(session.Broker),
            Trades = session.Tally.ClosedTrades,
            Tally = session.Tally,
            Performance = curve.Count > 1 ? PerformanceCalculator.Compute(curve, session.Tally.ClosedTrades, session.Tally.FeesPaid, bar) : null,
            Baselines = baselines,
            Stopped = stopped,
            StartedAt = startedAt,
            Elapsed = stopwatch.Elapsed,
            SpansDropped = spanDrops.Total - spansDroppedBefore,
            Budget = await budget.StatusAsync(CancellationToken.None),
            CacheUnavailable = cacheUnavailable.Total - cacheUnavailableBefore,
        };
        await store.FinishRunAsync(
            runId, stopped ? TradingRunStatuses.Stopped : TradingRunStatuses.Completed, PaperReportJson.Write(report), report.SpansDropped, time.GetUtcNow(), CancellationToken.None);
        return report;
    }

    /// <summary>The exchange's own rules when the feed has them (live), else the configured ones (replay).</summary>
    private async Task<ExchangeRuleBook> RulesAsync(MarketFeed feed, CancellationToken cancellationToken)
    {
        try
        {
            return await feed.ExchangeRulesAsync(cancellationToken) is { } fetched ? new ExchangeRuleBook(fetched) : exchangeRules;
        }
        catch (ExchangeException e)
        {
            throw new ExchangeRulesUnavailableException(feed.Source, e);
        }
    }
}
