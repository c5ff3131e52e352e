using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Storage;

/// <summary>The trading journal on SQLite and, with <c>CRYPTOFUNK_TEST_POSTGRES</c> set, on PostgreSQL.</summary>
[TestFixture(StoreDatabase.Sqlite)]
[TestFixture(StoreDatabase.Postgres)]
public sealed class TradingStoreTests(string provider)
{
    private const string Run = "bt-2024-03";
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static TradingRunRecord RunRecord() => new()
    {
        Id = Run,
        Kind = TradingRunKinds.Backtest,
        Symbol = "BTC/USDT",
        Interval = "1h",
        From = T0,
        To = T0.AddDays(31),
        InitialCapital = 10_000m,
        LlmMode = "replay",
        StartedAt = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(1)),
        SettingsJson = "{\"consensus\":0.66}",
    };

    private static AgentDecisionRecord Agent(string name, string type = "analysis", string action = "BUY") => new()
    {
        AgentName = name,
        AgentType = type,
        Action = action,
        Confidence = 0.72m,
        LlmProvider = "openai",
        LlmModel = "gpt-test",
        PromptTokens = 1_200,
        ResponseTokens = 180,
        LatencyMs = 812.5,
        CostUsd = 0.0012345678m,
        Reasoning = "RSI oversold under the lower band",
        KeyFactorsJson = "[\"rsi 28\",\"lower band\"]",
        Source = "llm:openai/gpt-test",
        PromptVersion = "p-1a2b",
        OutputJson = "{\"signal\":\"BUY\"}",
    };

    private static TradingDecisionRecord Decision(DateTimeOffset time, string action = "BUY", string? orderId = null, params string[] agents)
    {
        var decision = new TradingDecisionRecord
        {
            RunId = Run,
            Symbol = "BTC/USDT",
            DecisionTime = time,
            Action = action,
            Reason = "risk approved",
            ConsensusSignal = action,
            ConsensusShare = 0.8,
            ProposingAgent = "trend_following",
            Quantity = 0.1m,
            EntryPrice = 42150m,
            StopLoss = 41000m,
            TakeProfit = 44000m,
            RiskJson = "{\"clamps\":[]}",
            OrderId = orderId,
            MarketDataJson = "{\"close\":42150.5}",
            IndicatorsJson = "{\"rsi14\":28.1}",
            Features = [28.1, double.NaN, 0.5],
            CreatedAt = new DateTimeOffset(2026, 11, 22, 9, 1, 0, TimeSpan.Zero),
        };
        decision.Agents.AddRange(agents.Select(name => Agent(name)));
        return decision;
    }

    private static OrderRequest Order(string id, DateTimeOffset decisionTime) =>
        new(id, Btc, OrderSide.Buy, OrderType.Market, 0.1m, null, 41000m, 44000m, decisionTime);

    private static Fill BuyFill(long id, string orderId, DateTimeOffset time) =>
        new(id, orderId, Btc, OrderSide.Buy, 0.1m, 42151.25m, 4.215125m, 0.125m, time, FillReasons.Market);

    private static ClosedTrade Trade(DateTimeOffset entry, DateTimeOffset exit, params string[] openingOrderIds) =>
        new(Btc, PositionSide.Long, 0.1m, 42151.25m, 43500m, entry, exit, 126.5m, 3.0012m, exit - entry, FillReasons.TakeProfit, openingOrderIds, openingOrderIds[0]);

    private async Task<StoreDatabase> OpenAsync()
    {
        var database = await StoreDatabase.CreateAsync(provider);
        await database.Store.StartRunAsync(RunRecord(), CancellationToken.None);
        return database;
    }

    [Test]
    public async Task Every_table_round_trips_with_exact_decimals_utc_times_and_undefined_features()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var decisionTime = T0.AddHours(10);
        var filledAt = T0.AddHours(11);
        var position = new Position(Btc, PositionSide.Long, 0.1m, 42151.25m, 41000m, 44000m, filledAt, ["o-1"], 4.215125m);
        var batch = new TradingJournalBatch();
        batch.Decisions.Add(Decision(decisionTime, "BUY", "o-1", "technical_analysis", "trend_following"));
        batch.Orders.Add(OrderRecord.From(Run, Order("o-1", decisionTime), decisionTime));
        batch.Fills.Add(FillRecord.From(Run, BuyFill(1, "o-1", filledAt)));
        batch.OpenedPositions.Add(PositionRecord.From(Run, position));
        batch.EquitySnapshots.Add(new EquitySnapshotRecord { RunId = Run, Time = filledAt, Cash = 5_780.5m, Equity = 9_995.1234567891m, PeakEquity = 10_000m, Drawdown = 0.0004876543m });

        await store.SaveAsync(batch, CancellationToken.None);
        await store.FinishRunAsync(Run, TradingRunStatuses.Completed, "{\"return\":0.01}", spansDropped: 12, T0.AddDays(40), CancellationToken.None);

        var run = await store.RunAsync(Run, CancellationToken.None);
        Assert.That(run!.Status, Is.EqualTo(TradingRunStatuses.Completed));
        Assert.That(run.SummaryJson, Is.EqualTo("{\"return\":0.01}"));
        Assert.That(run.SpansDropped, Is.EqualTo(12));
        Assert.That(run.FinishedAt, Is.EqualTo(T0.AddDays(40)));
        Assert.That(run.StartedAt, Is.EqualTo(RunRecord().StartedAt));
        Assert.That(run.StartedAt.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(run.InitialCapital, Is.EqualTo(10_000m));
        Assert.That(run.From, Is.EqualTo(T0));

        var decision = (await store.DecisionsAsync(Run, CancellationToken.None)).Single();
        Assert.That(decision.Id, Is.GreaterThan(0));
        Assert.That(decision.DecisionTime, Is.EqualTo(decisionTime));
        Assert.That(decision.ConsensusShare, Is.EqualTo(0.8));
        Assert.That(decision.StopLoss, Is.EqualTo(41000m));
        Assert.That(decision.RiskJson, Is.EqualTo("{\"clamps\":[]}"));
        Assert.That(decision.Executed, Is.False);
        Assert.That(decision.Agents.Select(a => a.AgentName), Is.EqualTo(new[] { "technical_analysis", "trend_following" }));
        var agent = decision.Agents[0];
        Assert.That(agent.TradingDecisionId, Is.EqualTo(decision.Id));
        Assert.That((agent.RunId, agent.Symbol, agent.Timestamp), Is.EqualTo((Run, "BTC/USDT", decisionTime)), "copied from the decision");
        Assert.That(agent.CostUsd, Is.EqualTo(0.0012345678m));
        Assert.That(agent.Confidence, Is.EqualTo(0.72m));
        Assert.That(agent.PromptTokens, Is.EqualTo(1_200));
        Assert.That(agent.LatencyMs, Is.EqualTo(812.5));
        Assert.That(agent.KeyFactorsJson, Is.EqualTo("[\"rsi 28\",\"lower band\"]"));
        Assert.That((decision.MarketDataJson, decision.IndicatorsJson), Is.EqualTo(("{\"close\":42150.5}", "{\"rsi14\":28.1}")));
        Assert.That(decision.Features![0], Is.EqualTo(28.1));
        Assert.That(double.IsNaN(decision.Features[1]), Is.True, "an indicator still warming up round-trips as NaN");
        Assert.That(decision.Features[2], Is.EqualTo(0.5));

        var order = (await store.OrdersAsync(Run, CancellationToken.None)).Single();
        Assert.That(order.TradingDecisionId, Is.EqualTo(decision.Id), "linked to the decision saved in the same batch");
        Assert.That((order.Side, order.Type, order.Status), Is.EqualTo((OrderSide.Buy, OrderType.Market, OrderStatuses.Intent)));
        Assert.That((order.Quantity, order.LimitPrice, order.StopLoss, order.TakeProfit), Is.EqualTo((0.1m, (decimal?)null, (decimal?)41000m, (decimal?)44000m)));
        Assert.That(order.DecisionTime, Is.EqualTo(decisionTime));

        var fill = (await store.FillsAsync(Run, CancellationToken.None)).Single();
        Assert.That(fill, Is.EqualTo(FillRecord.From(Run, BuyFill(1, "o-1", filledAt))).Using<FillRecord>(SameFill));

        var stored = (await store.PositionsAsync(Run, CancellationToken.None)).Single();
        Assert.That((stored.Side, stored.Quantity, stored.EntryPrice, stored.OpenedAt), Is.EqualTo((PositionSide.Long, 0.1m, 42151.25m, filledAt)));
        Assert.That(stored.OpeningOrderIdsJson, Is.EqualTo("[\"o-1\"]"));
        Assert.That(stored.ClosedAt, Is.Null);

        var equity = (await store.EquityAsync(Run, CancellationToken.None)).Single();
        Assert.That((equity.Time, equity.Cash, equity.Equity, equity.PeakEquity, equity.Drawdown), Is.EqualTo((filledAt, 5_780.5m, 9_995.1234567891m, 10_000m, 0.0004876543m)));
    }

    [Test]
    public async Task A_second_decision_for_the_same_run_symbol_and_time_is_refused_and_its_batch_rolled_back()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var time = T0.AddHours(3);
        var first = new TradingJournalBatch();
        first.Decisions.Add(Decision(time, "HOLD", null, "technical_analysis"));
        await store.SaveAsync(first, CancellationToken.None);

        var again = new TradingJournalBatch();
        again.Decisions.Add(Decision(time, "BUY", "o-9", "technical_analysis"));
        again.EquitySnapshots.Add(new EquitySnapshotRecord { RunId = Run, Time = time, Cash = 1m, Equity = 1m, PeakEquity = 1m });

        Assert.That(() => store.SaveAsync(again, CancellationToken.None), Throws.InstanceOf<DbUpdateException>());
        Assert.That(await store.HasDecisionAsync(Run, Btc, time, CancellationToken.None), Is.True);
        Assert.That(await store.HasDecisionAsync(Run, Btc, time.AddHours(1), CancellationToken.None), Is.False);
        Assert.That(await store.HasDecisionAsync(Run, MarketSymbol.Parse("ETH/USDT"), time, CancellationToken.None), Is.False);
        Assert.That((await store.DecisionsAsync(Run, CancellationToken.None)).Single().Action, Is.EqualTo("HOLD"));
        Assert.That(await store.EquityAsync(Run, CancellationToken.None), Is.Empty, "nothing of the refused batch is kept");
    }

    [Test]
    public async Task A_fill_saved_twice_is_stored_once()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var time = T0.AddHours(1);
        var first = new TradingJournalBatch();
        first.Orders.Add(OrderRecord.From(Run, Order("o-1", T0), T0));
        first.Fills.Add(FillRecord.From(Run, BuyFill(1, "o-1", time)));
        first.Fills.Add(FillRecord.From(Run, BuyFill(2, "o-1", time)));
        await store.SaveAsync(first, CancellationToken.None);

        var second = new TradingJournalBatch();
        var replayed = FillRecord.From(Run, BuyFill(2, "o-1", time));
        replayed.Price = 1m;
        second.Fills.Add(replayed);
        second.Fills.Add(FillRecord.From(Run, BuyFill(3, "o-1", time)));
        second.Fills.Add(FillRecord.From(Run, BuyFill(3, "o-1", time)));
        await store.SaveAsync(second, CancellationToken.None);

        var fills = await store.FillsAsync(Run, CancellationToken.None);
        Assert.That(fills.Select(f => f.FillId), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(fills[1].Price, Is.EqualTo(42151.25m), "the stored fill is never applied again");
    }

    [Test]
    public async Task A_closed_trade_is_written_back_to_the_decision_that_opened_it_and_all_its_agents()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var opened = T0.AddHours(1);
        var closed = T0.AddHours(30);
        var open = new TradingJournalBatch();
        open.Decisions.Add(Decision(T0, "BUY", "o-1", "technical_analysis", "order_book", "trend_following", "risk_manager"));
        open.Decisions.Add(Decision(T0.AddHours(2), "HOLD", null, "technical_analysis"));
        open.Orders.Add(OrderRecord.From(Run, Order("o-1", T0), T0));
        await store.SaveAsync(open, CancellationToken.None);

        var trade = Trade(opened, closed, "o-1");
        var close = new TradingJournalBatch();
        var knownAt = closed.AddHours(1);
        close.Outcomes.Add(TradeOutcome.From(Run, trade, knownAt));
        await store.SaveAsync(close, CancellationToken.None);

        var decisions = await store.DecisionsAsync(Run, CancellationToken.None);
        var buy = decisions[0];
        Assert.That(buy.Executed, Is.True);
        Assert.That((buy.ExecutedAt, buy.OutcomeKnownAt), Is.EqualTo(((DateTimeOffset?)opened, (DateTimeOffset?)knownAt)));
        Assert.That((buy.EntryPrice, buy.ExitPrice, buy.Pnl, buy.PnlPercent), Is.EqualTo(((decimal?)42151.25m, (decimal?)43500m, (decimal?)126.5m, (decimal?)3.0012m)));
        Assert.That(buy.HoldTimeSeconds, Is.EqualTo(29 * 3600));
        Assert.That(buy.Agents, Has.Count.EqualTo(4));
        foreach (var agent in buy.Agents)
        {
            Assert.That(agent.Executed, Is.True, agent.AgentName);
            Assert.That((agent.ExecutedAt, agent.OutcomeKnownAt), Is.EqualTo(((DateTimeOffset?)opened, (DateTimeOffset?)knownAt)), agent.AgentName);
            Assert.That((agent.EntryPrice, agent.ExitPrice, agent.Pnl, agent.PnlPercent, agent.HoldTimeSeconds), Is.EqualTo(((decimal?)42151.25m, (decimal?)43500m, (decimal?)126.5m, (decimal?)3.0012m, (long?)(29 * 3600))), agent.AgentName);
        }

        var hold = decisions[1];
        Assert.That(hold.Executed || hold.Agents.Any(a => a.Executed), Is.False, "a decision that placed no opening order is untouched");

    }

    [Test]
    public async Task An_order_stored_as_intent_is_updated_to_filled_in_a_later_batch()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var first = new TradingJournalBatch();
        first.Orders.Add(OrderRecord.From(Run, Order("o-1", T0), T0));
        first.Orders.Add(OrderRecord.From(Run, Order("o-2", T0.AddHours(1)), T0.AddHours(1)));
        first.OrderUpdates.Add(new OrderStatusChange(Run, "o-2", OrderStatuses.Rejected, "insufficient cash", T0.AddHours(1)));
        await store.SaveAsync(first, CancellationToken.None);
        Assert.That((await store.OrdersAsync(Run, CancellationToken.None)).Select(o => o.Status), Is.EqualTo(new[] { OrderStatuses.Intent, OrderStatuses.Rejected }));

        var second = new TradingJournalBatch();
        second.OrderUpdates.Add(new OrderStatusChange(Run, "o-1", OrderStatuses.Accepted, null, T0));
        second.OrderUpdates.Add(new OrderStatusChange(Run, "o-1", OrderStatuses.Filled, "market", T0.AddHours(1)));
        await store.SaveAsync(second, CancellationToken.None);

        var orders = await store.OrdersAsync(Run, CancellationToken.None);
        Assert.That((orders[0].Status, orders[0].StatusReason, orders[0].UpdatedAt), Is.EqualTo((OrderStatuses.Filled, "market", T0.AddHours(1))));
        Assert.That((orders[1].Status, orders[1].StatusReason), Is.EqualTo((OrderStatuses.Rejected, "insufficient cash")));
    }

    [Test]
    public async Task A_status_change_for_an_unknown_order_rolls_the_batch_back()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var batch = new TradingJournalBatch();
        batch.Decisions.Add(Decision(T0, "HOLD", null, "technical_analysis"));
        batch.OrderUpdates.Add(new OrderStatusChange(Run, "never-stored", OrderStatuses.Filled, null, T0));

        Assert.That(() => store.SaveAsync(batch, CancellationToken.None), Throws.InvalidOperationException.With.Message.Contains("never-stored"));
        Assert.That(await store.DecisionsAsync(Run, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_position_is_updated_when_added_to_and_closed_with_its_result()
    {
        await using var database = await OpenAsync();
        var store = database.Store;
        var opened = T0.AddHours(1);
        var first = new TradingJournalBatch();
        first.OpenedPositions.Add(PositionRecord.From(Run, new Position(Btc, PositionSide.Long, 0.1m, 42000m, 41000m, null, opened, ["o-1"], 4m)));
        first.EquitySnapshots.Add(new EquitySnapshotRecord { RunId = Run, Time = opened, Cash = 5_800m, Equity = 10_000m, PeakEquity = 10_000m });
        await store.SaveAsync(first, CancellationToken.None);

        var second = new TradingJournalBatch();
        second.OpenedPositions.Add(PositionRecord.From(Run, new Position(Btc, PositionSide.Long, 0.2m, 42500m, 41500m, 45000m, opened, ["o-1", "o-2"], 8m)));
        second.EquitySnapshots.Add(new EquitySnapshotRecord { RunId = Run, Time = opened, Cash = 1_500m, Equity = 10_001m, PeakEquity = 10_001m });
        second.ClosedPositions.Add(ClosedPosition.From(Run, Trade(opened, T0.AddHours(5), "o-1", "o-2")));
        await store.SaveAsync(second, CancellationToken.None);

        var position = (await store.PositionsAsync(Run, CancellationToken.None)).Single();
        Assert.That((position.Quantity, position.EntryPrice, position.StopLoss, position.TakeProfit), Is.EqualTo((0.2m, 42500m, (decimal?)41500m, (decimal?)45000m)));
        Assert.That(position.OpeningOrderIdsJson, Is.EqualTo("[\"o-1\",\"o-2\"]"));
        Assert.That((position.ClosedAt, position.ExitPrice, position.Pnl, position.PnlPercent), Is.EqualTo(((DateTimeOffset?)T0.AddHours(5), (decimal?)43500m, (decimal?)126.5m, (decimal?)3.0012m)));
        Assert.That((position.ExitReason, position.ExitOrderId), Is.EqualTo((FillReasons.TakeProfit, "o-1")));
        var equity = (await store.EquityAsync(Run, CancellationToken.None)).Single();
        Assert.That((equity.Cash, equity.Equity), Is.EqualTo((1_500m, 10_001m)), "a snapshot at a stored time replaces it");
    }

    private static bool SameFill(FillRecord a, FillRecord b) =>
        (a.RunId, a.FillId, a.OrderId, a.Symbol, a.Side, a.Quantity, a.Price, a.Fee, a.SlippageCost, a.Time, a.Reason)
        == (b.RunId, b.FillId, b.OrderId, b.Symbol, b.Side, b.Quantity, b.Price, b.Fee, b.SlippageCost, b.Time, b.Reason);
}
