using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// Each decision's market context (candle, indicators, features) kept once on the decision instead of on every
/// agent's row, where it was repeated: a year of hourly decisions shrinks by the copies. Existing rows keep their
/// context, taken from the decision's first agent row (every agent of a decision was shown the same). The SQL is
/// written once for SQLite (3.35 or later) and PostgreSQL.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261208000005_DecisionContext")]
internal sealed class M0005_DecisionContext : Migration
{
    private static readonly string[] Columns = ["MarketDataJson", "IndicatorsJson", "Features"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Columns)
        {
            migrationBuilder.AddColumn<string>(name: column, table: "trading_decisions", nullable: true);
        }

        migrationBuilder.Sql(
            """
            UPDATE trading_decisions
            SET "MarketDataJson" = agent."MarketDataJson", "IndicatorsJson" = agent."IndicatorsJson", "Features" = agent."Features"
            FROM (SELECT "TradingDecisionId", MIN("Id") AS "Id" FROM agent_decisions GROUP BY "TradingDecisionId") AS pick
            JOIN agent_decisions AS agent ON agent."Id" = pick."Id"
            WHERE pick."TradingDecisionId" = trading_decisions."Id";
            """);

        // Dropped with plain SQL, which both providers run in place; EF's SQLite generator would rebuild the table from a model snapshot these migrations do not have.
        foreach (var column in Columns)
        {
            migrationBuilder.Sql($"ALTER TABLE agent_decisions DROP COLUMN \"{column}\";");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "MarketDataJson", table: "agent_decisions", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "IndicatorsJson", table: "agent_decisions", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Features", table: "agent_decisions", nullable: true);
        migrationBuilder.Sql(
            """
            UPDATE agent_decisions
            SET "MarketDataJson" = COALESCE(d."MarketDataJson", ''), "IndicatorsJson" = COALESCE(d."IndicatorsJson", ''), "Features" = d."Features"
            FROM trading_decisions AS d
            WHERE d."Id" = agent_decisions."TradingDecisionId";
            """);
        foreach (var column in Columns)
        {
            migrationBuilder.Sql($"ALTER TABLE trading_decisions DROP COLUMN \"{column}\";");
        }
    }
}
