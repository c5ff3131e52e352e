using CryptoFunk.Agents.Memory;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Memory;

public sealed class DecisionMemoryTests
{
    private const string Technical = "technical_analysis";
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly MarketSymbol Eth = MarketSymbol.Parse("ETH/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MemoryEntry Entry(DateTimeOffset time, string orderId, double[]? features = null, string agent = Technical, MarketSymbol? symbol = null, string action = "BUY") =>
        new(agent, symbol ?? Btc, time, action, 0.7m, $"reason {orderId}", 42000m, features ?? [30.0, 1.0], orderId);

    private static DecisionMemory Trades(params (int DecidedHour, int KnownHour, decimal Pnl)[] trades)
    {
        var memory = new DecisionMemory();
        foreach (var (decided, known, pnl) in trades)
        {
            var id = $"o-{decided}";
            memory.Remember(Entry(T0.AddHours(decided), id));
            memory.RecordOutcome(id, pnl, T0.AddHours(known));
        }

        return memory;
    }

    [Test]
    public void An_outcome_known_after_the_decision_time_is_not_recalled()
    {
        var memory = Trades((1, 5, 2m), (10, 30, 9m));

        var recalled = memory.Recall(Technical, Btc, T0.AddHours(20), [30.0, 1.0]);

        Assert.That(recalled.Similar.Select(s => s.Entry.OrderId), Is.EqualTo(new[] { "o-1" }), "o-10 was decided before but closed after the decision time");
        Assert.That(recalled.Trades, Is.EqualTo(1));
        Assert.That(recalled.AveragePnlPercent, Is.EqualTo(2m));
        Assert.That(memory.Recall(Technical, Btc, T0.AddHours(30), [30.0, 1.0]).Trades, Is.EqualTo(2), "known exactly at the decision time counts");
    }

    [Test]
    public void Nothing_is_recalled_before_any_outcome_is_known()
    {
        var memory = new DecisionMemory();
        memory.Remember(Entry(T0, "o-1"));

        var recalled = memory.Recall(Technical, Btc, T0.AddHours(5), [30.0, 1.0]);

        Assert.That((recalled.Trades, recalled.Similar.Count), Is.EqualTo((0, 0)));
        Assert.That(recalled.Format(), Is.EqualTo("No earlier decisions with known outcomes yet."));
        Assert.That(new DecisionMemory().Recall(Technical, Btc, T0, []).Format(), Is.EqualTo(AgentMemory.NothingYet));
    }

    [Test]
    public void Performance_counts_outcomes_known_within_the_window()
    {
        var memory = Trades((1, 2, 5m), (24 * 10, 24 * 10 + 3, 3m), (24 * 20, 24 * 20 + 1, -1m), (24 * 35, 24 * 35 + 2, 2m));
        var now = T0.AddDays(40);

        var recalled = memory.Recall(Technical, Btc, now, [30.0, 1.0]);

        Assert.That(recalled.Trades, Is.EqualTo(3), "the trade closed on day 0 is older than 30 days");
        Assert.That(recalled.WinRate, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(recalled.AveragePnlPercent, Is.EqualTo(4m / 3));
        Assert.That(recalled.Similar, Has.Count.EqualTo(4), "similar decisions are not limited to the window");
        Assert.That(memory.Recall(Technical, Btc, now, [30.0, 1.0], performanceWindow: TimeSpan.FromDays(7)).Trades, Is.EqualTo(1));
    }

    [Test]
    public void Similar_decisions_are_the_most_similar_with_ties_going_to_the_newer()
    {
        var memory = new DecisionMemory();
        var features = new Dictionary<string, double[]>
        {
            ["far"] = [60.0, 1.0],
            ["close-old"] = [31.0, 1.0],
            ["close-new"] = [31.0, 1.0],
            ["exact"] = [30.0, 1.0],
            ["undefined"] = [double.NaN, 1.0],
        };
        var hour = 0;
        foreach (var (id, values) in features)
        {
            memory.Remember(Entry(T0.AddHours(hour++), id, values));
        }

        foreach (var id in features.Keys)
        {
            memory.RecordOutcome(id, 1m, T0.AddHours(10));
        }

        var recalled = memory.Recall(Technical, Btc, T0.AddHours(10), [30.0, 1.0], similarCount: 4);

        Assert.That(recalled.Similar.Select(s => s.Entry.OrderId), Is.EqualTo(new[] { "exact", "close-new", "close-old", "far" }));
        Assert.That(recalled.Similar[0].Similarity, Is.EqualTo(1.0));
        Assert.That(recalled.Similar[1].Similarity, Is.EqualTo(recalled.Similar[2].Similarity));
    }

    [Test]
    public void Similarity_search_is_bounded_to_the_latest_resolved_decisions()
    {
        var memory = new DecisionMemory(maxSimilarityCandidates: 2);
        memory.Remember(Entry(T0, "oldest-exact", [30.0, 1.0]));
        memory.Remember(Entry(T0.AddHours(1), "middle", [40.0, 1.0]));
        memory.Remember(Entry(T0.AddHours(2), "latest", [50.0, 1.0]));
        memory.RecordOutcome("oldest-exact", 1m, T0.AddHours(3));
        memory.RecordOutcome("middle", 1m, T0.AddHours(4));
        memory.RecordOutcome("latest", 1m, T0.AddHours(5));

        var recalled = memory.Recall(Technical, Btc, T0.AddHours(6), [30.0, 1.0]);

        Assert.That(recalled.Similar.Select(s => s.Entry.OrderId), Is.EqualTo(new[] { "middle", "latest" }));
        Assert.That(recalled.Trades, Is.EqualTo(3), "performance still counts every trade in the window");
    }

    [Test]
    public void Recall_stays_with_the_agent_and_symbol_and_an_outcome_reaches_every_agent_of_the_order()
    {
        var memory = new DecisionMemory();
        memory.Remember(Entry(T0, "o-1"));
        memory.Remember(Entry(T0, "o-1", agent: "trend_following"));
        memory.Remember(Entry(T0, "o-2", symbol: Eth));
        memory.Remember(Entry(T0, "o-3", agent: "order_book"));
        memory.RecordOutcome("o-1", -2m, T0.AddHours(2));
        memory.RecordOutcome("o-2", 4m, T0.AddHours(2));

        var technical = memory.Recall(Technical, Btc, T0.AddHours(3), [30.0, 1.0]);
        var trend = memory.Recall("trend_following", Btc, T0.AddHours(3), [30.0, 1.0]);
        var orderBook = memory.Recall("order_book", Btc, T0.AddHours(3), [30.0, 1.0]);

        Assert.That((technical.Trades, technical.WinRate, technical.AveragePnlPercent), Is.EqualTo((1, 0.0, -2m)));
        Assert.That(trend.Similar.Single().Outcome.PnlPercent, Is.EqualTo(-2m));
        Assert.That(orderBook.Trades, Is.Zero, "its order has no outcome yet");
    }

    [Test]
    public void A_later_outcome_for_the_same_order_replaces_the_earlier_one()
    {
        var memory = Trades((1, 2, 1m));
        memory.RecordOutcome("o-1", 3m, T0.AddHours(6));

        Assert.That(memory.Recall(Technical, Btc, T0.AddHours(4), [30.0, 1.0]).Trades, Is.Zero);
        Assert.That(memory.Recall(Technical, Btc, T0.AddHours(6), [30.0, 1.0]).AveragePnlPercent, Is.EqualTo(3m));
    }

    [Test]
    public void Format_renders_the_learning_context_in_the_design_shape()
    {
        var entry = new MemoryEntry(Technical, Btc, T0, "BUY", 0.72m, "RSI oversold\nunder the lower band", 42150m, [30.0], "o-1");
        var memory = new AgentMemory(Technical, Btc, T0.AddDays(3), TimeSpan.FromDays(30), 12, 0.55, 1.2m,
            [new SimilarDecision(entry, new MemoryOutcome(3.2m, T0.AddHours(5)), 0.98), new SimilarDecision(entry with { Action = "SELL", EntryPrice = null, Confidence = 0.6m }, new MemoryOutcome(-1.456m, T0.AddHours(9)), 0.9)]);

        Assert.That(memory.Format(), Is.EqualTo(
            """
            ## Your Recent Performance (Last 30 days)
            Win Rate: 55.0%
            Average P&L: 1.20%
            Total Trades: 12

            ## Similar Past Decisions
            1. BUY at 42150.00 (Confidence: 0.72)
               Outcome: 3.20% P&L
               Reasoning: "RSI oversold\nunder the lower band"
            2. SELL (Confidence: 0.60)
               Outcome: -1.46% P&L
               Reasoning: "RSI oversold\nunder the lower band"
            """));
    }

    [Test]
    public void Format_says_so_when_no_trade_closed_in_the_window()
    {
        var memory = Trades((1, 2, 1.5m));

        var text = memory.Recall(Technical, Btc, T0.AddDays(60), [30.0, 1.0], performanceWindow: TimeSpan.FromHours(36)).Format();

        Assert.That(text, Does.StartWith("## Your Recent Performance (Last 36 hours)\nNo trades closed in this period.\n\n## Similar Past Decisions\n1. BUY at 42000.00"));
    }
}
