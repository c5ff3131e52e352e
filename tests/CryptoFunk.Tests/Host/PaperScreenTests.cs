using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using Spectre.Console;

namespace CryptoFunk.Tests.Host;

/// <summary>The paper screen: the account, positions, each market's latest decision and each agent's state while a decision runs.</summary>
public sealed class PaperScreenTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly MarketSymbol Eth = MarketSymbol.Parse("ETH/USDT");

    [Test]
    public void Agents_are_seen_waiting_then_answering_per_market_from_their_telemetry()
    {
        var screen = new PaperScreenState("demo", [Btc, Eth], Timeframe.OneHour, ["technical_analysis", "sentiment"], TimeProvider.System);
        using var watcher = new AgentActivityWatcher(screen);

        using (var decision = AgentTelemetry.StartDecision("ETH/USDT", "2021-01-05T13:00:00Z"))
        {
            using (var agent = AgentTelemetry.StartInvokeAgent("sentiment", null))
            {
                Assert.That(Draw(screen), Does.Match(@"sentiment\s+│\s+idle\s+│\s+waiting"));
                AgentTelemetry.RecordAnswer(agent, "rules", degraded: true, "v1", 0m, usage: null, abstainReason: null);
            }

            using var failed = AgentTelemetry.StartInvokeAgent("technical_analysis", null);
            AgentTelemetry.RecordAnswer(failed, "hold", degraded: true, "v1", 0m, usage: null, abstainReason: "no model answered");
        }

        var text = Draw(screen);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Match(@"sentiment\s+│\s+idle\s+│\s+fallback \(rules\)"));
            Assert.That(text, Does.Match(@"technical_analysis\s+│\s+idle\s+│\s+failed \(abstained\)"));
        });
    }

    [Test]
    public void A_close_shows_the_account_and_its_positions_with_unrealised_pnl()
    {
        var screen = new PaperScreenState("demo", [Btc, Eth], Timeframe.OneHour, ["sentiment"], TimeProvider.System);
        var close = new DateTimeOffset(2021, 1, 5, 13, 0, 0, TimeSpan.Zero);
        screen.Report(new PaperStep(close, false, [], 10_123.45m, 9_000m, [new PositionView(Btc, PositionSide.Long, 0.05m, 30_000m, 32_000m, 100m)], default, 0m)
        {
            Budget = new ModelBudgetStatus(MaxUsdPerRun: null, MaxUsdPerDay: 5m, SpentThisRunUsd: 0.5m, SpentTodayUsd: 1.25m),
        });

        var text = Draw(screen);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("account demo"));
            Assert.That(text, Does.Contain("close 2021-01-05T13:00:00Z · next close 2021-01-05T14:00:00Z"));
            Assert.That(text, Does.Contain("equity 10,123.45 · cash 9,000.00 · model spend today $1.2500 of $5.00, account $0.0000"));
            Assert.That(text, Does.Match(@"BTC/USDT\s+│\s+long\s+│\s+0\.05\s+│\s+30,000\.00\s+│\s+32,000\.00\s+│\s+100\.00"));
            Assert.That(text, Does.Contain("no decision yet"));
        });
    }

    private static string Draw(PaperScreenState screen)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 200;
        console.Write(screen.Render());
        return writer.ToString();
    }
}
