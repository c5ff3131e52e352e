using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Storage;

/// <summary>
/// A journal written before decisions kept their market context (agent rows each carried a copy) survives the
/// migration that moves it onto the decision: nothing is lost and every reader finds it there.
/// </summary>
[TestFixture(StoreDatabase.Sqlite)]
[TestFixture(StoreDatabase.Postgres)]
public sealed class DecisionContextMigrationTests(string provider)
{
    private const string BeforeContextMoved = "20261207000004_PaperAccounts";
    private const string Entry = "entry:BTC/USDT:2024-03-01T00:00:00Z";
    private const string EntryMarket = """{"symbol":"BTC/USDT","close":42150.5}""";
    private const string EntryIndicators = """{"rsi14":28.1,"ema200":null}""";
    private const string HoldMarket = """{"symbol":"BTC/USDT","close":42300}""";
    private const string HoldIndicators = """{"rsi14":41.7,"ema200":null}""";
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Existing_rows_keep_their_market_context_on_the_decision()
    {
        using var directory = provider == StoreDatabase.Sqlite ? new TempDirectory() : null;
        await using var postgres = provider == StoreDatabase.Postgres ? await PostgresDatabase.CreateAsync() : null;
        var connectionString = postgres?.ConnectionString ?? $"Data Source={directory!.File("old.db")};Pooling=false";
        IDbContextFactory<CryptoFunkDbContext> contexts = new CryptoFunkDbContextFactory(connectionString);

        await using (var context = await contexts.CreateDbContextAsync())
        {
            await context.Database.MigrateAsync(BeforeContextMoved);
            await StoreOldJournalAsync(context);
            await context.Database.MigrateAsync();
        }

        var store = new TradingStore(contexts);
        var decisions = await store.DecisionsAsync("bt-old", CancellationToken.None);
        var journal = await store.JournalAsync("bt-old", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Select(d => (d.MarketDataJson, d.IndicatorsJson)), Is.EqualTo(new[] { (EntryMarket, EntryIndicators), (HoldMarket, HoldIndicators) }));
            Assert.That(decisions[0].Features![0], Is.EqualTo(28.1));
            Assert.That(double.IsNaN(decisions[0].Features![1]), Is.True, "a warming-up feature stays NaN");
            Assert.That(decisions[1].Features, Is.EqualTo(new[] { 41.7 }));
            Assert.That(decisions.SelectMany(d => d.Agents).Select(a => (a.AgentName, a.Reasoning, a.KeyFactorsJson, a.OutputJson)), Is.EqualTo(new[]
            {
                ("technical_analysis", "oversold", "[\"rsi 28\"]", "{\"signal\":\"BUY\"}"),
                ("risk_management", "within limits", "[]", "{\"approved\":true}"),
                ("technical_analysis", "neutral", "[]", "{\"signal\":\"HOLD\"}"),
            }));
            Assert.That(decisions[0].Agents.Select(a => a.PnlPercent), Is.All.EqualTo(2.5m), "outcomes written back before the move stay");
            Assert.That(journal.EntryAnswers.Select(e => e.Features[0]), Is.EqualTo(new[] { 28.1, 28.1 }), "a resumed account reads the entry's features from the decision");
        });
    }

    /// <summary>Rows as the schema before the move kept them: each agent row with its own copy of the context.</summary>
    private static async Task StoreOldJournalAsync(CryptoFunkDbContext context)
    {
        var t0 = T0.ToUnixTimeMilliseconds();
        var t1 = T0.AddHours(1).ToUnixTimeMilliseconds();
        var known = T0.AddHours(5).ToUnixTimeMilliseconds();
        await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO trading_runs ("Id", "Kind", "Symbol", "Interval", "InitialCapital", "LlmMode", "StartedAt", "Status", "SpansDropped", "Interruptions")
            VALUES ('bt-old', 'backtest', 'BTC/USDT', '1h', '10000', 'rules', {t0}, 'completed', 0, 0);
            INSERT INTO trading_decisions ("Id", "RunId", "Symbol", "DecisionTime", "Action", "Reason", "Degraded", "OrderId", "CreatedAt", "Executed", "PnlPercent", "OutcomeKnownAt", "EntryPrice")
            VALUES (1, 'bt-old', 'BTC/USDT', {t0}, 'BUY', 'risk approved', FALSE, {Entry}, {t0}, TRUE, '2.5', {known}, '42150.5'),
                   (2, 'bt-old', 'BTC/USDT', {t1}, 'HOLD', 'no consensus', FALSE, NULL, {t1}, FALSE, NULL, NULL, NULL);
            """);
        await InsertAgentAsync(context, 11, 1, t0, "technical_analysis", "oversold", "[\"rsi 28\"]", "{\"signal\":\"BUY\"}", EntryMarket, EntryIndicators, "[28.1,\"NaN\"]", known);
        await InsertAgentAsync(context, 12, 1, t0, "risk_management", "within limits", "[]", "{\"approved\":true}", EntryMarket, EntryIndicators, "[28.1,\"NaN\"]", known);
        await InsertAgentAsync(context, 13, 2, t1, "technical_analysis", "neutral", "[]", "{\"signal\":\"HOLD\"}", HoldMarket, HoldIndicators, "[41.7]", null);
    }

    private static async Task InsertAgentAsync(
        CryptoFunkDbContext context, long id, long decisionId, long time, string agent, string reasoning, string factors, string output, string market, string indicators, string features, long? knownAt) =>
        await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO agent_decisions ("Id", "TradingDecisionId", "RunId", "Timestamp", "Symbol", "AgentName", "AgentType", "Action", "Confidence", "LlmProvider", "LlmModel",
                "PromptTokens", "ResponseTokens", "LatencyMs", "CostUsd", "Reasoning", "KeyFactorsJson", "MarketDataJson", "IndicatorsJson", "Source", "Degraded", "OutputJson",
                "Features", "Executed", "PnlPercent", "OutcomeKnownAt", "CallsLive", "CallsCached", "CallsReplayed", "CallsRefused")
            VALUES ({id}, {decisionId}, 'bt-old', {time}, 'BTC/USDT', {agent}, 'analysis', 'BUY', 0.7, 'rules', 'none',
                0, 0, 1.5, 0, {reasoning}, {factors}, {market}, {indicators}, 'rules', FALSE, {output},
                {features}, {knownAt != null}, {(knownAt is null ? null : 2.5m)}, {knownAt}, 0, 0, 0, 0)
            """);
}
