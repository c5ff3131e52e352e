using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// Each model call names its run and how the providers that did not answer failed, so <c>cryptofunk telemetry --run</c>
/// counts one run's calls and errors by kind; calls stored before have neither and count only without <c>--run</c>.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261209000008_CallRunAndFailures")]
internal sealed class M0008_CallRunAndFailures : Migration
{
    private const string Table = "llm_calls";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "RunId", table: Table, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Failures", table: Table, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_llm_calls_RunId", table: Table, column: "RunId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Plain SQL, which both providers run in place; EF's SQLite generator would rebuild the table from a model snapshot these migrations do not have.
        migrationBuilder.Sql("DROP INDEX \"IX_llm_calls_RunId\";");
        migrationBuilder.Sql($"ALTER TABLE {Table} DROP COLUMN \"Failures\";");
        migrationBuilder.Sql($"ALTER TABLE {Table} DROP COLUMN \"RunId\";");
    }
}
