using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CryptoFunk.Storage.Migrations;

/// <summary>
/// The trading journal: runs, decisions with each agent's answer and outcome, orders, fills, positions and equity.
/// Times are epoch milliseconds (<see cref="UnixMillisecondsConverter"/>); column types come from each provider's mapping.
/// </summary>
[DbContext(typeof(CryptoFunkDbContext))]
[Migration("20261122000002_TradingStore")]
internal sealed class M0002_TradingStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "trading_runs",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Symbol = table.Column<string>(nullable: false),
                Interval = table.Column<string>(nullable: false),
                From = table.Column<long>(nullable: true),
                To = table.Column<long>(nullable: true),
                InitialCapital = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                LlmMode = table.Column<string>(nullable: false),
                StartedAt = table.Column<long>(nullable: false),
                FinishedAt = table.Column<long>(nullable: true),
                Status = table.Column<string>(nullable: false),
                SettingsJson = table.Column<string>(nullable: true),
                SummaryJson = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_trading_runs", x => x.Id));

        migrationBuilder.CreateTable(
            name: "trading_decisions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = table.Column<string>(nullable: false),
                Symbol = table.Column<string>(nullable: false),
                DecisionTime = table.Column<long>(nullable: false),
                Action = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                Degraded = table.Column<bool>(nullable: false),
                ConsensusSignal = table.Column<string>(nullable: true),
                ConsensusShare = table.Column<double>(nullable: true),
                ProposingAgent = table.Column<string>(nullable: true),
                Quantity = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                EntryPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                StopLoss = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                TakeProfit = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                RiskJson = table.Column<string>(nullable: true),
                OrderId = table.Column<string>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                Executed = table.Column<bool>(nullable: false),
                ExecutedAt = table.Column<long>(nullable: true),
                ExitPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                Pnl = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                PnlPercent = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                HoldTimeSeconds = table.Column<long>(nullable: true),
                OutcomeKnownAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_trading_decisions", x => x.Id));

        migrationBuilder.CreateIndex("IX_trading_decisions_RunId_Symbol_DecisionTime", "trading_decisions", ["RunId", "Symbol", "DecisionTime"], unique: true);

        migrationBuilder.CreateTable(
            name: "agent_decisions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TradingDecisionId = table.Column<long>(nullable: false),
                RunId = table.Column<string>(nullable: false),
                Timestamp = table.Column<long>(nullable: false),
                Symbol = table.Column<string>(nullable: false),
                AgentName = table.Column<string>(nullable: false),
                AgentType = table.Column<string>(nullable: false),
                Action = table.Column<string>(nullable: false),
                Confidence = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                LlmProvider = table.Column<string>(nullable: false),
                LlmModel = table.Column<string>(nullable: false),
                PromptTokens = table.Column<long>(nullable: false),
                ResponseTokens = table.Column<long>(nullable: false),
                LatencyMs = table.Column<double>(nullable: false),
                CostUsd = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Reasoning = table.Column<string>(nullable: false),
                KeyFactorsJson = table.Column<string>(nullable: false),
                MarketDataJson = table.Column<string>(nullable: false),
                IndicatorsJson = table.Column<string>(nullable: false),
                Source = table.Column<string>(nullable: false),
                Degraded = table.Column<bool>(nullable: false),
                PromptVersion = table.Column<string>(nullable: true),
                AbstainReason = table.Column<string>(nullable: true),
                OutputJson = table.Column<string>(nullable: true),
                Features = table.Column<string>(nullable: true),
                Executed = table.Column<bool>(nullable: false),
                ExecutedAt = table.Column<long>(nullable: true),
                EntryPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                ExitPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                Pnl = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                PnlPercent = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                HoldTimeSeconds = table.Column<long>(nullable: true),
                OutcomeKnownAt = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_agent_decisions", x => x.Id);
                table.ForeignKey(
                    name: "FK_agent_decisions_trading_decisions_TradingDecisionId",
                    column: x => x.TradingDecisionId,
                    principalTable: "trading_decisions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_agent_decisions_TradingDecisionId", "agent_decisions", "TradingDecisionId");
        migrationBuilder.CreateIndex("IX_agent_decisions_Timestamp", "agent_decisions", "Timestamp");
        migrationBuilder.CreateIndex("IX_agent_decisions_Symbol_AgentName", "agent_decisions", ["Symbol", "AgentName"]);
        migrationBuilder.CreateIndex("IX_agent_decisions_Executed_PnlPercent", "agent_decisions", ["Executed", "PnlPercent"]);

        migrationBuilder.CreateTable(
            name: "orders",
            columns: table => new
            {
                RunId = table.Column<string>(nullable: false),
                ClientOrderId = table.Column<string>(nullable: false),
                TradingDecisionId = table.Column<long>(nullable: true),
                Symbol = table.Column<string>(nullable: false),
                Side = table.Column<string>(nullable: false),
                Type = table.Column<string>(nullable: false),
                Quantity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                LimitPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                StopLoss = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                TakeProfit = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                DecisionTime = table.Column<long>(nullable: false),
                Status = table.Column<string>(nullable: false),
                StatusReason = table.Column<string>(nullable: true),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_orders", x => new { x.RunId, x.ClientOrderId });
                table.ForeignKey(
                    name: "FK_orders_trading_decisions_TradingDecisionId",
                    column: x => x.TradingDecisionId,
                    principalTable: "trading_decisions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_orders_TradingDecisionId", "orders", "TradingDecisionId");

        migrationBuilder.CreateTable(
            name: "fills",
            columns: table => new
            {
                RunId = table.Column<string>(nullable: false),
                FillId = table.Column<long>(nullable: false),
                OrderId = table.Column<string>(nullable: false),
                Symbol = table.Column<string>(nullable: false),
                Side = table.Column<string>(nullable: false),
                Quantity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Price = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Fee = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                SlippageCost = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Time = table.Column<long>(nullable: false),
                Reason = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_fills", x => new { x.RunId, x.FillId }));

        migrationBuilder.CreateTable(
            name: "positions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = table.Column<string>(nullable: false),
                Symbol = table.Column<string>(nullable: false),
                Side = table.Column<string>(nullable: false),
                Quantity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                EntryPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                StopLoss = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                TakeProfit = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                OpenedAt = table.Column<long>(nullable: false),
                OpeningOrderIdsJson = table.Column<string>(nullable: false),
                ClosedAt = table.Column<long>(nullable: true),
                ExitPrice = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                Pnl = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                PnlPercent = table.Column<decimal>(precision: 28, scale: 10, nullable: true),
                ExitReason = table.Column<string>(nullable: true),
                ExitOrderId = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_positions", x => x.Id));

        migrationBuilder.CreateIndex("IX_positions_RunId_Symbol_OpenedAt", "positions", ["RunId", "Symbol", "OpenedAt"], unique: true);

        migrationBuilder.CreateTable(
            name: "equity_snapshots",
            columns: table => new
            {
                RunId = table.Column<string>(nullable: false),
                Time = table.Column<long>(nullable: false),
                Cash = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Equity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                PeakEquity = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
                Drawdown = table.Column<decimal>(precision: 28, scale: 10, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_equity_snapshots", x => new { x.RunId, x.Time }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("equity_snapshots");
        migrationBuilder.DropTable("positions");
        migrationBuilder.DropTable("fills");
        migrationBuilder.DropTable("orders");
        migrationBuilder.DropTable("agent_decisions");
        migrationBuilder.DropTable("trading_decisions");
        migrationBuilder.DropTable("trading_runs");
    }
}
