using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// Decisions are found by the order they placed when a trade's outcome is written back: without an index on the run
/// and order id, each closed trade read every decision row of its run twice (a year of hourly decisions is thousands
/// of rows of a kilobyte or more each), and a backtest that trades often spent most of its storing time there.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261209000009_DecisionOrderIndex")]
internal sealed class M0009_DecisionOrderIndex : Migration
{
    private const string Index = "IX_trading_decisions_RunId_OrderId";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: Index, table: "trading_decisions", columns: ["RunId", "OrderId"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"DROP INDEX \"{Index}\";");
}
