using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Tests.Storage;

/// <summary>
/// The migration that gives each decision its order book and futures sentiment: decisions stored before it keep
/// everything and have neither, new ones keep both, and it can be undone on both providers.
/// </summary>
[TestFixture(StoreDatabase.Sqlite)]
[TestFixture(StoreDatabase.Postgres)]
public sealed class DecisionBookAndSentimentMigrationTests(string provider)
{
    private const string BeforeBookAndSentiment = "20261208000005_DecisionContext";
    private const string Market = """{"close":64000}""";
    private const string Book = """{"time":"2025-03-03T11:00:05Z","bids":[[64000,0.5]],"asks":[[64000.01,0.25]]}""";
    private const string Sentiment = """{"funding":{"rate":0.0001,"time":"2025-03-03T08:00:00Z"},"open_interest":null,"long_short":null}""";
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 11, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Old_decisions_have_neither_new_ones_keep_both_and_the_migration_undoes()
    {
        using var directory = provider == StoreDatabase.Sqlite ? new TempDirectory() : null;
        await using var postgres = provider == StoreDatabase.Postgres ? await PostgresDatabase.CreateAsync() : null;
        var connectionString = postgres?.ConnectionString ?? $"Data Source={directory!.File("old.db")};Pooling=false";
        IDbContextFactory<CryptoFunkDbContext> contexts = new CryptoFunkDbContextFactory(connectionString);

        await using (var context = await contexts.CreateDbContextAsync())
        {
            await context.Database.MigrateAsync(BeforeBookAndSentiment);
            var t0 = T0.ToUnixTimeMilliseconds();
            await context.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO trading_runs ("Id", "Kind", "Symbol", "Interval", "InitialCapital", "LlmMode", "StartedAt", "Status", "SpansDropped", "Interruptions")
                VALUES ('paper-old', 'paper', 'BTC/USDT', '1h', '10000', 'rules', {t0}, 'stopped', 0, 0);
                INSERT INTO trading_decisions ("RunId", "Symbol", "DecisionTime", "Action", "Reason", "Degraded", "CreatedAt", "Executed", "MarketDataJson")
                VALUES ('paper-old', 'BTC/USDT', {t0}, 'HOLD', 'no consensus', FALSE, {t0}, FALSE, {Market});
                """);
            await context.Database.MigrateAsync();
            context.TradingDecisions.Add(new TradingDecisionRecord
            {
                RunId = "paper-old",
                Symbol = "BTC/USDT",
                DecisionTime = T0.AddHours(1),
                Action = "HOLD",
                Reason = "no consensus",
                OrderBookJson = Book,
                SentimentJson = Sentiment,
            });
            await context.SaveChangesAsync();
        }

        var decisions = await new TradingStore(contexts).DecisionsAsync("paper-old", CancellationToken.None);
        Assert.That(decisions.Select(d => (d.MarketDataJson, d.OrderBookJson, d.SentimentJson)), Is.EqualTo(new[]
        {
            (Market, (string?)null, (string?)null),
            (null, Book, Sentiment),
        }));

        await using (var context = await contexts.CreateDbContextAsync())
        {
            var migrator = context.GetService<IMigrator>();
            await migrator.MigrateAsync(BeforeBookAndSentiment);
            Assert.That(await context.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM trading_decisions""").SingleAsync(), Is.EqualTo(2), "undoing keeps the decisions");
            Assert.DoesNotThrowAsync(() => migrator.MigrateAsync(), "the columns are gone, so they can be added again");
        }
    }
}
