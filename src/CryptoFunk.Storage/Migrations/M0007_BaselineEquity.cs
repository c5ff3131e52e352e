using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// A backtest's baselines (buy-and-hold, the rules engine alone) keep their equity curves, so a report made later
/// from the database draws what the summary compared; runs stored before have none, and the report says so.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261209000007_BaselineEquity")]
internal sealed class M0007_BaselineEquity : Migration
{
    private const string Table = "baseline_equity";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: Table,
            columns: table => new
            {
                RunId = table.Column<string>(nullable: false),
                Baseline = table.Column<string>(nullable: false),
                Time = table.Column<long>(nullable: false),
                Equity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Table}", x => new { x.RunId, x.Baseline, x.Time }));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(Table);
}
