using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Markets;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Agents;

/// <summary>The rules engine's risk agent: the code check first, then reward/risk and drawdown, always in the prompt's schema.</summary>
public sealed class RiskRuleTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (bool Approved, decimal? AdjustedSize, string Reasoning) Review(TradeProposal trade, PortfolioExposure portfolio)
    {
        var preview = new RiskGate(Options.Create(new RiskLimitsOptions())).Evaluate(trade, portfolio, new MarketCheck(Btc, 100m, T0), null, true);
        var situation = Situation() with { Review = new TradeUnderReview(trade, preview, portfolio) };

        var answer = (RiskReview)new RiskManagementRule().Answer(situation)!;

        using var library = new PromptLibrary(Path.Combine(SharedFiles.RepositoryRoot, "prompts"), watch: false);
        var output = answer.ToJson();
        Assert.That(JsonSchemaValidator.Validate(output, library.Get("risk_management").OutputSchema!.Value), Is.Empty, output.GetRawText());
        Assert.That(RiskReview.From(AgentResponses.Rules(answer) with { Answer = null })!.ToJson().GetRawText(), Is.EqualTo(output.GetRawText()), "the typed answer and its stored JSON read back say the same");
        return (answer.Approved, answer.AdjustedSize, answer.Reasoning);
    }

    private static DecisionSituation Situation() => new(Orchestration.DecisionFixtures.Snapshot());

    private static TradeProposal Trade(decimal stop = 97m, decimal target = 106m) => new("trend_following", Btc, PositionSide.Long, 100m, stop, target, 0.3m);

    private static PortfolioExposure Portfolio(decimal equity = 10_000m, decimal peak = 10_000m) => new(equity, equity, peak, []);

    [Test]
    public void Approves_a_trade_within_the_limits_at_the_size_code_allows()
    {
        // The 50% position cap binds first: 50 units, 3 each to the stop, risk 150 = 1.5% of equity.
        var (approved, adjusted, reasoning) = Review(Trade(), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(approved, Is.True);
            Assert.That(adjusted, Is.Null);
            Assert.That(reasoning, Does.StartWith("Rules engine: within the limits: risk 1.5% of equity, stop 3% away, reward/risk 2."));
        });
    }

    [Test]
    public void Rejects_a_target_that_does_not_pay_for_the_risk()
    {
        var (approved, _, reasoning) = Review(Trade(stop: 97m, target: 104m), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(approved, Is.False);
            Assert.That(reasoning, Does.Contain("reward/risk 1.33 is below 1.5"));
        });
    }

    [Test]
    public void Halves_the_size_in_a_drawdown_above_ten_percent()
    {
        var (approved, adjusted, reasoning) = Review(Trade(), Portfolio(equity: 8_800m, peak: 10_000m));

        Assert.Multiple(() =>
        {
            Assert.That(approved, Is.True);
            Assert.That(adjusted, Is.GreaterThan(0m));
            Assert.That(reasoning, Does.StartWith("Rules engine: approved at half size: equity is 12% below its peak"));
        });
    }

    [Test]
    public void Rejects_what_the_hard_limits_refuse_with_their_reasons()
    {
        var (approved, _, reasoning) = Review(Trade(stop: 90m, target: 130m), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(approved, Is.False);
            Assert.That(reasoning, Does.Contain("the hard limits refuse it: stop loss 90 is 10% from the entry 100; at most 5% is allowed"));
        });
    }

    [Test]
    public void Gives_no_answer_without_a_proposal_so_the_risk_agent_abstains()
    {
        Assert.That(new RiskManagementRule().Answer(Situation()), Is.Null);
    }
}
