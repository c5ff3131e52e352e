using System.Data.Common;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Storage;

/// <summary>
/// Writing back a closed trade's outcome finds the decisions that placed its orders through the index on run and order
/// id that migration M0009 creates; without it each closed trade read every decision row of its run.
/// </summary>
[TestFixture(StoreDatabase.Sqlite)]
[TestFixture(StoreDatabase.Postgres)]
public sealed class DecisionOrderIndexTests(string provider)
{
    private const string Index = "IX_trading_decisions_RunId_OrderId";
    private const string Run = "bt-2024-03";
    private const int Decisions = 2_000;
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_closed_trades_decisions_are_found_through_the_run_and_order_index_the_migrations_create()
    {
        await using var database = await StoreDatabase.CreateAsync(provider);
        await using var context = await database.Contexts.CreateDbContextAsync();

        // A run as a backtest leaves it, one decision in twenty placing an order, with statistics for the planner.
        context.TradingDecisions.AddRange(Enumerable.Range(0, Decisions).Select(i => new TradingDecisionRecord
        {
            RunId = Run,
            Symbol = "BTC/USDT",
            DecisionTime = T0.AddHours(i),
            Action = i % 20 == 0 ? "BUY" : "HOLD",
            Reason = "test",
            OrderId = i % 20 == 0 ? $"entry:BTC/USDT:{i}" : null,
            CreatedAt = T0,
        }));
        await context.SaveChangesAsync();
        await context.Database.ExecuteSqlRawAsync("ANALYZE");
        var query = TradingStore.PlacedBy(context, Run, ["entry:BTC/USDT:20", "entry:BTC/USDT:40"]).Select(d => d.Id);

        var plan = await PlanAsync(context, query);

        Assert.That(plan, Does.Contain(Index), $"query plan of{Environment.NewLine}{query.ToQueryString()}{Environment.NewLine}was{Environment.NewLine}{plan}");
    }

    private async Task<string> PlanAsync(CryptoFunkDbContext context, IQueryable<long> query)
    {
        await context.Database.OpenConnectionAsync();
        await using var command = query.CreateDbCommand();
        command.CommandText = (provider == StoreDatabase.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
