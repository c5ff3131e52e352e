using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// Each decision keeps the order book and the futures sentiment its agents were shown, once, beside its market
/// context (<see cref="M0005_DecisionContext"/>), so explain and replay show what they saw. Both columns are null for
/// existing rows and for decisions made on candles alone, which therefore store nothing more. The SQL is written once
/// for SQLite (3.35 or later) and PostgreSQL.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261208000006_DecisionBookAndSentiment")]
internal sealed class M0006_DecisionBookAndSentiment : Migration
{
    private static readonly string[] Columns = ["OrderBookJson", "SentimentJson"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Columns)
        {
            migrationBuilder.AddColumn<string>(name: column, table: "trading_decisions", nullable: true);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Plain SQL, which both providers run in place; EF's SQLite generator would rebuild the table from a model snapshot these migrations do not have.
        foreach (var column in Columns)
        {
            migrationBuilder.Sql($"ALTER TABLE trading_decisions DROP COLUMN \"{column}\";");
        }
    }
}
