using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Host.Output;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Orchestration;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Backtesting;

/// <summary>
/// The whole flow through the real prompt files, agents, parser, group chat, risk gate, paper broker and database:
/// once with a fake OpenAI-compatible model on 127.0.0.1 and once with the rules engine; the stored rows are checked.
/// </summary>
public sealed class BacktestEndToEndTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static CandleSeries? _candles;
    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private static async Task<CandleSeries> CandlesAsync() =>
        _candles ??= await CandleFileReader.ReadAsync(Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv"), CancellationToken.None);

    private static BacktestRequest Request(CandleSeries series, DateTimeOffset from, DateTimeOffset to) =>
        new(Btc, Timeframe.OneHour, series.Candles, from, to, 10_000m, series.Source);

    [Test]
    public async Task With_a_model_the_decisions_orders_fills_and_outcomes_are_stored_and_the_oversized_approval_is_clamped()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = TradingDesk.Answer;
        await using var services = DecisionFixtures.Services(_dir, PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1"));
        var from = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);

        var report = await services.GetRequiredService<BacktestRunner>().RunAsync(Request(await CandlesAsync(), from, from.AddDays(3)), null, CancellationToken.None);

        var store = services.GetRequiredService<TradingStore>();
        var decisions = await store.DecisionsAsync(report.RunId, CancellationToken.None);
        var orders = await store.OrdersAsync(report.RunId, CancellationToken.None);
        var fills = await store.FillsAsync(report.RunId, CancellationToken.None);
        var entries = decisions.Where(d => d.Action == "BUY").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Mode, Is.EqualTo("live"));
            Assert.That(decisions, Has.Count.EqualTo(report.Bars - 1), "one decision per bar but the last");
            Assert.That(decisions.Select(d => d.DecisionTime).Distinct().Count(), Is.EqualTo(decisions.Count));
            Assert.That(entries, Is.Not.Empty);
            Assert.That(openai.RequestCount, Is.GreaterThan(decisions.Count * 2));
        });

        var entry = entries[0];
        var risk = JsonDocument.Parse(entry.RiskJson!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(entry.Agents.Select(a => a.AgentName), Is.EqualTo(new[] { "technical_analysis", "sentiment", "trend_following", "mean_reversion", "risk_management" }));
            Assert.That(entry.Agents.All(a => a.Source == "llm:openai/gpt-fake-1" && a.LlmProvider == "openai" && a.LlmModel == "gpt-fake-1"), Is.True);
            Assert.That(entry.Agents.All(a => a.PromptTokens == 1000 && a.ResponseTokens == 100 && !a.Degraded && a.PromptVersion is not null), Is.True);
            Assert.That(entry.Agents[0].Reasoning, Is.EqualTo("Fake analyst: bullish."));
            Assert.That(entry.Agents[0].KeyFactorsJson, Is.EqualTo("[\"fake\"]"));
            var indicators = DecisionRecords.Indicators(JsonDocument.Parse(entry.IndicatorsJson!).RootElement).ToDictionary(p => p.Name, p => p.Value);
            Assert.That(indicators.Keys, Is.EqualTo(IndicatorTable.ColumnNames));
            Assert.That(indicators["rsi14"].GetDouble(), Is.InRange(0d, 100d));
            Assert.That(entry.Features, Is.Not.Empty, "an entry keeps the features decision memory compares");
            Assert.That(decisions.Where(d => d.OrderId is null).Select(d => d.Features), Is.All.Null, "a decision that did not trade is never remembered");
            Assert.That(entry.Agents[4].Action, Is.EqualTo("APPROVE"));
            Assert.That(entry.Quantity, Is.LessThan(TradingDesk.RequestedSize));
            Assert.That(risk.GetProperty("clamps")[0].GetProperty("requested").GetDecimal(), Is.EqualTo(TradingDesk.RequestedSize));
            Assert.That(risk.GetProperty("metrics").GetProperty("risk_fraction_of_equity").GetDecimal(), Is.LessThanOrEqualTo(0.02m));
            Assert.That(entry.Reason, Does.Contain("clamped by code"));
        });

        var order = orders.Single(o => o.ClientOrderId == entry.OrderId);
        var fill = fills.First(f => f.OrderId == entry.OrderId);
        var nextOpen = (await CandlesAsync()).Candles.First(c => c.OpenTime >= entry.DecisionTime);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Filled));
            Assert.That(order.Quantity, Is.EqualTo(entry.Quantity));
            Assert.That(fill.Time, Is.EqualTo(entry.DecisionTime), "fills at the open of the bar after the decision, not the bar the model saw");
            Assert.That(fill.Price, Is.GreaterThan(nextOpen.Open), "slippage on a buy");
            Assert.That(fill.Fee, Is.EqualTo(fill.Quantity * fill.Price * 0.001m));
        });

        var closed = decisions.Where(d => d.Executed && d.PnlPercent is not null).ToList();
        Assert.That(closed, Is.Not.Empty, "a 2% stop or 4% target is reached within three days");
        var outcome = closed[0];
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Agents.All(a => a.Executed && a.PnlPercent == outcome.PnlPercent && a.ExitPrice == outcome.ExitPrice), Is.True);
            Assert.That(outcome.OutcomeKnownAt, Is.GreaterThan(outcome.DecisionTime));
            Assert.That(outcome.HoldTimeSeconds, Is.GreaterThan(0));
            Assert.That(report.Tally.InputTokens, Is.EqualTo(openai.RequestCount * 1000L));
            Assert.That(report.Tally.ModelCalls, Is.EqualTo(new ModelCallCounts(openai.RequestCount, 0, 0)), "every request counted once as a live call");
        });

        // Memory: outcomes reach later prompts, and only once they were known at the decision time.
        var firstKnown = closed.Min(d => d.OutcomeKnownAt!.Value);
        var remembering = openai.Requests.Where(r => r.Body.Contains("Total Trades: ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(remembering, Is.Not.Empty);
            Assert.That(remembering.Any(r => r.Body.Contains("Similar Past Decisions", StringComparison.Ordinal) && r.Body.Contains("% P&L", StringComparison.Ordinal)), Is.True);
            Assert.That(remembering.Select(TradingDesk.DecisionTime), Has.All.GreaterThanOrEqualTo(firstKnown));
        });
    }

    [Test]
    public async Task With_the_rules_engine_a_month_is_traded_and_stored_without_any_model()
    {
        await using var services = DecisionFixtures.Services(_dir);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var report = await services.GetRequiredService<BacktestRunner>().RunAsync(Request(await CandlesAsync(), from, from.AddMonths(1)), null, CancellationToken.None);

        var store = services.GetRequiredService<TradingStore>();
        var decisions = await store.DecisionsAsync(report.RunId, CancellationToken.None);
        var fills = await store.FillsAsync(report.RunId, CancellationToken.None);
        var equity = await store.EquityAsync(report.RunId, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(report.Mode, Is.EqualTo("rules"));
            Assert.That(report.RulesOnlyIsSameRun, Is.True);
            Assert.That(decisions, Has.Count.EqualTo(report.Bars - 1));
            Assert.That(decisions.SelectMany(d => d.Agents).All(a => a.Source == "rules" && a.LlmProvider == "rules" && !a.Degraded), Is.True);
            Assert.That(decisions.Any(d => d.Degraded), Is.False);
            Assert.That(report.Tally.AgentDecisionsBySource.Keys, Is.EqualTo(new[] { "rules" }));
            Assert.That(fills, Is.Not.Empty);
            Assert.That(fills.All(f => f.Fee > 0m), Is.True, "a taker fee on every fill");
            Assert.That(fills.Where(f => f.Reason != FillReasons.TakeProfit).All(f => f.SlippageCost > 0m), Is.True, "slippage on market and stop fills; a take profit fills at its price");
            Assert.That(equity, Has.Count.EqualTo(report.Bars));
            Assert.That(report.Agents.Trades, Is.EqualTo(report.Tally.ClosedTrades.Count));
            Assert.That(decisions.Count(d => d.Executed && d.PnlPercent is not null), Is.EqualTo(report.Agents.Trades));
            Assert.That(report.Notes, Has.Some.StartsWith("order_book left out"));
        });
    }
    [Test]
    public async Task A_recorded_model_backtest_replays_to_the_same_result_without_calling_the_model()
    {
        var from = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);
        var request = Request(await CandlesAsync(), from, from.AddDays(2));
        BacktestReport recorded;
        await using (var openai = await FakeOpenAIServer.StartAsync())
        {
            openai.Fallback = TradingDesk.Answer;
            var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1");
            settings["Llm:Mode"] = "record";
            await using var services = DecisionFixtures.Services(_dir, settings);
            recorded = await services.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);
        }

        await using var silent = await FakeOpenAIServer.StartAsync();
        var replaySettings = PipelineHarness.Provider(0, "openai", silent.Endpoint, "gpt-fake-1");
        replaySettings["Llm:Mode"] = "replay";
        await using var replayServices = DecisionFixtures.Services(_dir, replaySettings);
        var replayed = await replayServices.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);

        var store = replayServices.GetRequiredService<TradingStore>();
        var first = await store.DecisionsAsync(recorded.RunId, CancellationToken.None);
        var second = await store.DecisionsAsync(replayed.RunId, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(silent.RequestCount, Is.Zero, "replay never calls a provider");
            Assert.That(replayed.Mode, Is.EqualTo("replay"));
            Assert.That(replayed.Agents, Is.EqualTo(recorded.Agents));
            Assert.That(replayed.Tally.DecisionsByAction, Is.EqualTo(recorded.Tally.DecisionsByAction));
            Assert.That(replayed.Tally.AgentDecisionsBySource.Keys, Is.EqualTo(new[] { "replay" }));
            Assert.That(replayed.Tally.ModelCalls, Is.EqualTo(new ModelCallCounts(0, 0, recorded.Tally.ModelCalls.Live)));
            Assert.That(second.Select(d => (d.DecisionTime, d.Action, d.Quantity, d.Reason)), Is.EqualTo(first.Select(d => (d.DecisionTime, d.Action, d.Quantity, d.Reason))));
            Assert.That(second.SelectMany(d => d.Agents).Select(a => a.OutputJson), Is.EqualTo(first.SelectMany(d => d.Agents).Select(a => a.OutputJson)));
            Assert.That(
                first.SelectMany(d => d.Agents).Where(a => a.AgentType == "analysis" && a.Action != DecisionRecords.Abstain).Select(a => a.OutputJson),
                Has.All.Contains("\"risk_level\"").And.All.Not.Contains("\"reasoning\""),
                "an answer's reasoning, signal, confidence and key factors are stored once, in their columns");
        });
    }
    [Test]
    public async Task When_the_model_fails_every_agent_falls_back_to_the_rules_through_its_prompt_says_so_and_trades_as_the_rules_do()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(503, OpenAIWire.Error("overloaded", "server_error"));
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1", maxRetries: 0);
        settings["Llm:Resilience:RetryBaseDelay"] = "00:00:00.001";
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = Request(await CandlesAsync(), from, from.AddDays(10));
        await using var failing = DecisionFixtures.Services(_dir, settings);
        await using var rulesOnly = DecisionFixtures.Services(_dir);

        var fallback = await failing.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);
        var rules = await rulesOnly.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None);

        var decisions = await failing.GetRequiredService<TradingStore>().DecisionsAsync(fallback.RunId, CancellationToken.None);
        var agents = decisions.SelectMany(d => d.Agents).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(openai.RequestCount, Is.GreaterThan(0));
            Assert.That(agents.All(a => a.Source == "rules" && a.Degraded && a.PromptVersion is not null), Is.True, "rules answers given through the prompt files, marked degraded");
            Assert.That(decisions.All(d => d.Degraded), Is.True);
            Assert.That(fallback.Tally.DegradedDecisions, Is.EqualTo(fallback.Tally.Decisions));
            Assert.That(fallback.Agents.Trades, Is.GreaterThan(0));
            Assert.That(fallback.Agents, Is.EqualTo(rules.Agents), "the fallback decides as the rules engine alone");
            Assert.That(fallback.RulesOnly, Is.EqualTo(rules.Agents));
        });
    }

    [Test]
    public async Task A_tiny_run_budget_stops_model_calls_at_its_limit_and_the_agents_answer_from_their_rules_tagged_budget()
    {
        const decimal Limit = 0.25m;
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = TradingDesk.Answer;
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1");
        settings["Llm:Budget:MaxUsdPerRun"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var services = DecisionFixtures.Services(_dir, settings);
        var from = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);

        var report = await services.GetRequiredService<BacktestRunner>().RunAsync(Request(await CandlesAsync(), from, from.AddDays(2)), null, CancellationToken.None);

        var decisions = await services.GetRequiredService<TradingStore>().DecisionsAsync(report.RunId, CancellationToken.None);
        var budgeted = decisions.SelectMany(d => d.Agents).Where(a => a.Source == "budget").ToList();
        var closedAt = decisions.First(d => d.Agents.Any(a => a.Source == "budget")).DecisionTime;
        var json = JsonDocument.Parse(BacktestReportJson.Write(report)).RootElement.GetProperty("llm");
        Assert.Multiple(() =>
        {
            Assert.That(report.Tally.AgentDecisionsBySource.Keys, Does.Contain("llm:openai/gpt-fake-1").And.Contain("budget"));
            Assert.That(budgeted.All(a => a.Degraded && a.LlmProvider == "budget"), Is.True);
            Assert.That(budgeted.Where(a => a.Action != "ABSTAIN"), Is.Not.Empty, "agents answered from their rules");
            Assert.That(decisions.Where(d => d.DecisionTime > closedAt).SelectMany(d => d.Agents).Select(a => a.Source), Has.All.EqualTo("budget"));
            Assert.That(openai.Requests.Select(TradingDesk.DecisionTime), Has.All.LessThanOrEqualTo(closedAt), "the provider got no call after the limit");
            Assert.That(report.Tally.ModelCalls.Live, Is.EqualTo(openai.RequestCount));
            Assert.That(report.Tally.ModelCalls.Refused, Is.GreaterThan(0));
            Assert.That(report.Tally.CostUsd, Is.GreaterThan(Limit / 2).And.LessThanOrEqualTo(Limit), "spend came close to the limit and never passed it");
            Assert.That(report.Budget.SpentThisRunUsd, Is.EqualTo(report.Tally.CostUsd));
            Assert.That(json.GetProperty("refused_by_budget").GetInt32(), Is.EqualTo(report.Tally.ModelCalls.Refused));
            Assert.That(json.GetProperty("budget").GetProperty("max_usd_per_run").GetDecimal(), Is.EqualTo(Limit));
            Assert.That(json.GetProperty("budget").GetProperty("max_usd_per_day").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(
                BacktestSummaryText.Format(report, "test.db"),
                Does.Contain($"LLM budget: ${report.Tally.CostUsd:0.0000} of $0.2500 per run spent; {report.Tally.ModelCalls.Refused} calls refused, answered from rules or held (source budget)"));
        });
    }

    [Test]
    public async Task Under_half_faulty_answers_the_summary_counts_every_billed_call_the_call_log_holds()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        var served = 0;
        openai.Fallback = request => (Interlocked.Increment(ref served) % 4) switch
        {
            1 => FakeReply.Json(200, OpenAIWire.Completion("I think the market looks fine, no JSON today.", promptTokens: 900, completionTokens: 90)),
            3 => FakeReply.Json(500, OpenAIWire.Error("internal error", "server_error")),
            _ => TradingDesk.Answer(request),
        };
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1", maxRetries: 0);
        settings["Llm:Resilience:RetryBaseDelay"] = "00:00:00.001";
        await using var services = DecisionFixtures.Services(_dir, settings);
        var from = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);

        var report = await services.GetRequiredService<BacktestRunner>().RunAsync(Request(await CandlesAsync(), from, from.AddDays(1)), null, CancellationToken.None);

        await services.GetRequiredService<DatabaseLlmCallLog>().FlushAsync(CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        var calls = await db.LlmCalls.AsNoTracking().ToListAsync();
        var answered = calls.Where(c => c.Error is null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(calls.Where(c => c.Error is not null), Is.Not.Empty, "some calls failed");
            Assert.That(report.Tally.AgentDecisionsBySource.Keys, Does.Contain("rules"), "some agents fell back after a billed answer");
            Assert.That(calls.Sum(c => c.Attempts), Is.EqualTo(openai.RequestCount), "the call log holds every request sent");
            Assert.That(report.Tally.ModelCalls.Live, Is.EqualTo(answered.Count), "every answered call counted");
            Assert.That(report.Tally.ModelCalls.Live, Is.EqualTo(openai.Requests.Count - calls.Count(c => c.Error is not null)));
            Assert.That(report.Tally.InputTokens, Is.EqualTo(answered.Sum(c => c.InputTokens)));
            Assert.That(report.Tally.OutputTokens, Is.EqualTo(answered.Sum(c => c.OutputTokens)));
            Assert.That(report.Tally.CostUsd, Is.EqualTo(calls.Sum(c => c.CostUsd)));
            Assert.That(report.Tally.CostUsd, Is.GreaterThan(0m));
        });
    }

    [Test]
    public async Task A_replay_without_recordings_stops_the_run_instead_of_deciding_differently()
    {
        await using var silent = await FakeOpenAIServer.StartAsync();
        var settings = PipelineHarness.Provider(0, "openai", silent.Endpoint, "gpt-fake-1");
        settings["Llm:Mode"] = "replay";
        await using var services = DecisionFixtures.Services(_dir, settings);
        var from = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);
        var request = Request(await CandlesAsync(), from, from.AddDays(1));

        var failed = Assert.ThrowsAsync<BacktestFailedException>(() => services.GetRequiredService<BacktestRunner>().RunAsync(request, null, CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(failed.InnerException, Is.TypeOf<LlmReplayMissException>());
            Assert.That(failed.Message, Does.Contain("--llm-mode record"));
            Assert.That(silent.RequestCount, Is.Zero);
        });
    }

    [Test]
    public async Task A_backtest_goes_on_deciding_while_another_process_holds_the_database_and_stores_everything_once_it_is_free()
    {
        await using var services = DecisionFixtures.Services(_dir);
        var from = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = Request(await CandlesAsync(), from, from.AddDays(14));
        await using var other = new SqliteConnection($"Data Source={_dir.File("cf.db")}");
        var decidedAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new SynchronousProgress<BacktestProgress>(p =>
        {
            if (other.State != System.Data.ConnectionState.Open)
            {
                // Another writer takes the file's write lock after the run's first bars and keeps it.
                other.Open();
                using var begin = other.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            if (p.Done == p.Total)
            {
                decidedAll.TrySetResult();
            }
        });

        var run = Task.Run(() => services.GetRequiredService<BacktestRunner>().RunAsync(request, progress, CancellationToken.None));
        var decided = await Task.WhenAny(decidedAll.Task, run, Task.Delay(TimeSpan.FromSeconds(20))) == decidedAll.Task;
        var waitedForTheLock = !run.IsCompleted;
        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        var report = await run;
        var store = services.GetRequiredService<TradingStore>();
        var decisions = await store.DecisionsAsync(report.RunId, CancellationToken.None);
        var orders = await store.OrdersAsync(report.RunId, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(decided, Is.True, "every bar was decided, entries included, while the journal could not be written");
            Assert.That(waitedForTheLock, Is.True, "the run ends only once its journal is stored");
            Assert.That(orders, Is.Not.Empty);
            Assert.That(orders.Select(o => o.ClientOrderId), Is.EquivalentTo(decisions.Where(d => d.OrderId is not null).Select(d => d.OrderId)));
            Assert.That(decisions, Has.Count.EqualTo(report.Bars - 1));
        });
    }
}
