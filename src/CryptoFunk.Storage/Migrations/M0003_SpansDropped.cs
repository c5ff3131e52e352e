using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>How many spans each run could not store, so its incomplete traces are reported instead of missing silently.</summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261122000003_SpansDropped")]
internal sealed class M0003_SpansDropped : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<long>(name: "SpansDropped", table: "trading_runs", nullable: false, defaultValue: 0L);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "SpansDropped", table: "trading_runs");
}
