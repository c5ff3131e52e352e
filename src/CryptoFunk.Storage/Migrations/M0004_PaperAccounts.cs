using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// What a paper account needs to continue after a crash: which process owns a run (so a killed one is told from a
/// live one), and how each answer's model calls were served and why each trade was refused or clamped (so a resumed
/// summary counts them exactly).
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261207000004_PaperAccounts")]
internal sealed class M0004_PaperAccounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Owner", table: "trading_runs", nullable: true);
        migrationBuilder.AddColumn<int>(name: "Interruptions", table: "trading_runs", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "CallsLive", table: "agent_decisions", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "CallsCached", table: "agent_decisions", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "CallsReplayed", table: "agent_decisions", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "CallsRefused", table: "agent_decisions", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>(name: "RefusalCodes", table: "trading_decisions", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ClampLimits", table: "trading_decisions", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Owner", table: "trading_runs");
        migrationBuilder.DropColumn(name: "Interruptions", table: "trading_runs");
        migrationBuilder.DropColumn(name: "CallsLive", table: "agent_decisions");
        migrationBuilder.DropColumn(name: "CallsCached", table: "agent_decisions");
        migrationBuilder.DropColumn(name: "CallsReplayed", table: "agent_decisions");
        migrationBuilder.DropColumn(name: "CallsRefused", table: "agent_decisions");
        migrationBuilder.DropColumn(name: "RefusalCodes", table: "trading_decisions");
        migrationBuilder.DropColumn(name: "ClampLimits", table: "trading_decisions");
    }
}
