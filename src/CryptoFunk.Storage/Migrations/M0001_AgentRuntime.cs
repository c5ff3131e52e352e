using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CryptoFunk.Storage.Migrations;

/// <summary>Model calls, the answer cache and local spans. Column types come from each provider's mapping.</summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261122000001_AgentRuntime")]
internal sealed class M0001_AgentRuntime : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "llm_calls",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CreatedAt = table.Column<long>(nullable: false),
                DecisionTime = table.Column<long>(nullable: true),
                Agent = table.Column<string>(nullable: false),
                PromptName = table.Column<string>(nullable: true),
                PromptVersion = table.Column<string>(nullable: true),
                Source = table.Column<string>(nullable: false),
                Provider = table.Column<string>(nullable: true),
                Model = table.Column<string>(nullable: true),
                CacheKey = table.Column<string>(nullable: false),
                InputTokens = table.Column<long>(nullable: false),
                OutputTokens = table.Column<long>(nullable: false),
                CostUsd = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                LatencyMs = table.Column<double>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                Error = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_llm_calls", x => x.Id));

        migrationBuilder.CreateIndex("IX_llm_calls_Agent_CreatedAt", "llm_calls", ["Agent", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_llm_calls_CacheKey", "llm_calls", "CacheKey");

        migrationBuilder.CreateTable(
            name: "llm_cache",
            columns: table => new
            {
                Key = table.Column<string>(nullable: false),
                Agent = table.Column<string>(nullable: false),
                PromptVersion = table.Column<string>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Symbol = table.Column<string>(nullable: true),
                Timeframe = table.Column<string>(nullable: true),
                PositionState = table.Column<string>(nullable: true),
                FeaturesJson = table.Column<string>(nullable: true),
                ResponseJson = table.Column<string>(nullable: true),
                Error = table.Column<string>(nullable: true),
                InputTokens = table.Column<long>(nullable: false),
                OutputTokens = table.Column<long>(nullable: false),
                CostUsd = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                DecisionTime = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_llm_cache", x => x.Key));

        migrationBuilder.CreateIndex("IX_llm_cache_Agent_Symbol_Timeframe_PositionState", "llm_cache", ["Agent", "Symbol", "Timeframe", "PositionState"]);

        migrationBuilder.CreateTable(
            name: "spans",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TraceId = table.Column<string>(nullable: false),
                SpanId = table.Column<string>(nullable: false),
                ParentSpanId = table.Column<string>(nullable: true),
                Name = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                StartTime = table.Column<long>(nullable: false),
                DurationMs = table.Column<double>(nullable: false),
                Status = table.Column<string>(nullable: false),
                StatusDescription = table.Column<string>(nullable: true),
                AttributesJson = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_spans", x => x.Id));

        migrationBuilder.CreateIndex("IX_spans_TraceId", "spans", "TraceId");
        migrationBuilder.CreateIndex("IX_spans_StartTime", "spans", "StartTime");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("spans");
        migrationBuilder.DropTable("llm_cache");
        migrationBuilder.DropTable("llm_calls");
    }
}
