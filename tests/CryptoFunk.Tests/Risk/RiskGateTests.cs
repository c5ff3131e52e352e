using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using static CryptoFunk.Tests.Risk.RiskFixtures;

namespace CryptoFunk.Tests.Risk;

public sealed class RiskGateTests
{
    [Test]
    public void Normal_proposal_is_approved_at_the_risk_per_trade_quantity()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(), llmApprovedQuantity: null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(40m));
            Assert.That(assessment.Clamps, Is.Empty);
            Assert.That(assessment.Rejections, Is.Empty);
            Assert.That(assessment.Sizing!.BindingLimit, Is.EqualTo(RiskLimit.RiskPerTrade));
            Assert.That(assessment.Metrics, Is.EqualTo(new RiskMetrics(
                RiskAmount: 200m,
                RiskFractionOfEquity: 0.02m,
                StopDistanceFraction: 0.05m,
                PortfolioRiskFractionAfter: 0.02m,
                PositionFractionOfEquity: 0.4m,
                EntryDeviationFraction: 0m)));
            Assert.That(assessment.DecisionTime, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Risk_agent_asking_for_100_times_the_limit_is_clamped_and_the_clamp_recorded()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(), llmApprovedQuantity: 4000m, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(40m));
            Assert.That(assessment.Clamps, Has.Count.EqualTo(1));
            Assert.That(assessment.Clamps[0].Limit, Is.EqualTo(RiskLimit.RiskPerTrade));
            Assert.That(assessment.Clamps[0].Requested, Is.EqualTo(4000m));
            Assert.That(assessment.Clamps[0].Allowed, Is.EqualTo(40m));
            Assert.That(assessment.Clamps[0].Reason, Is.EqualTo(
                "the risk agent asked for 4000; the 2% risk-per-trade limit allows 40"));
            Assert.That(assessment.Metrics.RiskFractionOfEquity, Is.EqualTo(0.02m));
        });
    }

    [Test]
    public void Risk_agent_can_shrink_the_trade()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(), llmApprovedQuantity: 10m, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(10m));
            Assert.That(assessment.Clamps, Is.Empty);
            Assert.That(assessment.Metrics.RiskAmount, Is.EqualTo(50m));
            Assert.That(assessment.Metrics.RiskFractionOfEquity, Is.EqualTo(0.005m));
        });
    }

    [Test]
    public void Risk_agent_cannot_enlarge_the_proposed_quantity_even_within_the_limits()
    {
        var assessment = Gate().Evaluate(Proposal(quantity: 10m), Portfolio(), Market(), llmApprovedQuantity: 20m, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Quantity, Is.EqualTo(10m));
            Assert.That(assessment.Clamps.Single(), Is.EqualTo(new RiskClamp(
                RiskLimit.ProposedQuantity,
                20m,
                10m,
                "the risk agent asked for 20, more than the 10 strategy agent trend_following proposed; " +
                "the risk agent may shrink a trade, never enlarge it")));
        });
    }

    [Test]
    public void Strategy_quantity_above_the_limit_is_clamped()
    {
        var assessment = Gate().Evaluate(Proposal(quantity: 60m), Portfolio(), Market(), llmApprovedQuantity: null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Quantity, Is.EqualTo(40m));
            Assert.That(assessment.Clamps.Single().Limit, Is.EqualTo(RiskLimit.RiskPerTrade));
            Assert.That(assessment.Clamps.Single().Requested, Is.EqualTo(60m));
            Assert.That(assessment.Clamps.Single().Reason, Does.StartWith("strategy agent trend_following asked for 60"));
        });
    }

    [Test]
    public void Risk_agent_rejection_is_final()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(), llmApprovedQuantity: null, llmApproved: false);

        AssertRejectedOnlyFor(assessment, "the risk agent rejected the trade");
    }

    [TestCase(PositionSide.Long, 105, "long stop loss 105 must be below the entry 100")]
    [TestCase(PositionSide.Long, 100, "long stop loss 100 must be below the entry 100")]
    [TestCase(PositionSide.Short, 95, "short stop loss 95 must be above the entry 100")]
    public void Stop_on_the_wrong_side_is_rejected(PositionSide side, decimal stop, string reason)
    {
        var takeProfit = side == PositionSide.Long ? 115m : 85m;
        var assessment = Gate().Evaluate(Proposal(side, stop: stop, takeProfit: takeProfit), Portfolio(), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, reason);
    }

    [Test]
    public void Short_with_the_stop_above_is_approved()
    {
        var assessment = Gate().Evaluate(Proposal(PositionSide.Short, stop: 105m, takeProfit: 85m), Portfolio(), Market(), null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(40m));
        });
    }

    [Test]
    public void Stop_further_than_5_percent_is_rejected()
    {
        var assessment = Gate().Evaluate(Proposal(stop: 94.9m), Portfolio(), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "stop loss 94.9 is 5.1% from the entry 100; at most 5% is allowed");
        Assert.That(assessment.Metrics.StopDistanceFraction, Is.EqualTo(0.051m));
    }

    [Test]
    public void Missing_stop_is_rejected()
    {
        var assessment = Gate().Evaluate(Proposal(stop: null), Portfolio(), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "no stop loss: every trade needs one so its loss is bounded");
        Assert.That(assessment.Metrics.StopDistanceFraction, Is.Null);
    }

    [Test]
    public void Take_profit_on_the_wrong_side_is_rejected()
    {
        var assessment = Gate().Evaluate(Proposal(takeProfit: 90m), Portfolio(), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "long take profit 90 must be above the entry 100");
    }

    [Test]
    public void Entry_5_percent_from_the_market_price_is_rejected()
    {
        var assessment = Gate().Evaluate(
            Proposal(entry: 105m, stop: 101m, takeProfit: 120m), Portfolio(), Market(100m), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "entry 105 is 5% from the market price 100; at most 1% is allowed");
        Assert.That(assessment.Metrics.EntryDeviationFraction, Is.EqualTo(0.05m));
    }

    [Test]
    public void Entry_within_1_percent_of_the_market_price_is_accepted()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(101m), null, llmApproved: true);

        Assert.That(assessment.Approved, Is.True);
    }

    [Test]
    public void Market_price_for_another_symbol_is_rejected()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), new MarketCheck(Eth, 100m, Now), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "the proposal is for BTC/USDT but the market price is for ETH/USDT");
    }

    [Test]
    public void Five_open_positions_reject_a_sixth()
    {
        var positions = Enumerable.Range(0, 5).Select(_ => Held(Eth, 1m, 100m, 99m)).ToList();

        var assessment = Gate().Evaluate(Proposal(), Portfolio(positions: positions), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "5 positions are open already; at most 5 are allowed");
    }

    [Test]
    public void Four_open_positions_still_allow_a_fifth()
    {
        var positions = Enumerable.Range(0, 4).Select(_ => Held(Eth, 1m, 100m, 99m)).ToList();

        var assessment = Gate().Evaluate(Proposal(), Portfolio(positions: positions), Market(), null, llmApproved: true);

        Assert.That(assessment.Approved, Is.True);
    }

    [Test]
    public void Twenty_percent_drawdown_halts_trading()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(peak: 12_500m), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(
            assessment, "trading is halted: equity 10000 is 20% below the peak 12500, the halt is at 20%");
    }

    [Test]
    public void Drawdown_just_under_twenty_percent_does_not_halt()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(peak: 12_499m), Market(), null, llmApproved: true);

        Assert.That(assessment.Approved, Is.True);
    }

    [Test]
    public void Portfolio_risk_headroom_clamps_the_quantity()
    {
        // Four positions risk 4 * 225 = 900 of the 1,000 allowed (10%): 100 of headroom over a stop distance of 5 is 20.
        var positions = Enumerable.Range(0, 4).Select(_ => EthPosition()).ToList();

        var assessment = Gate().Evaluate(
            Proposal(quantity: 40m), Portfolio(cash: 6_000m, positions: positions), Market(), null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(20m));
            Assert.That(assessment.Clamps.Single(), Is.EqualTo(new RiskClamp(
                RiskLimit.PortfolioRisk,
                40m,
                20m,
                "strategy agent trend_following asked for 40; the 10% portfolio-risk limit (9% already at risk) allows 20")));
            Assert.That(assessment.Metrics.PortfolioRiskFractionAfter, Is.EqualTo(0.10m));
            Assert.That(assessment.Metrics.RiskAmount, Is.EqualTo(100m));
        });
    }

    [Test]
    public void Used_up_portfolio_risk_budget_rejects()
    {
        var positions = new List<Position> { Held(Eth, 40m, 100m, 75m) };

        var assessment = Gate().Evaluate(Proposal(), Portfolio(positions: positions), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(
            assessment, "portfolio risk budget used up: open positions already risk 10% of equity, the limit is 10%");
    }

    [Test]
    public void Position_without_a_stop_counts_its_whole_notional_as_risk()
    {
        var positions = new List<Position> { Held(Eth, 9m, 100m, null) };

        var assessment = Gate().Evaluate(Proposal(), Portfolio(positions: positions), Market(), null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Quantity, Is.EqualTo(20m));
            Assert.That(assessment.Sizing!.Quantity, Is.EqualTo(40m));
            Assert.That(assessment.Metrics.PortfolioRiskFractionAfter, Is.EqualTo(0.10m));
        });
    }

    [Test]
    public void Kelly_without_edge_gives_zero_quantity_and_says_why()
    {
        // p = 0.5, b = 5 / 5 = 1: p - (1 - p) / b = 0.
        var assessment = Gate().Evaluate(Proposal(takeProfit: 105m, confidence: 0.5m), Portfolio(), Market(), null, llmApproved: true);

        AssertRejectedOnlyFor(
            assessment, "no edge: with win probability 0.5 and reward/risk 1 the Kelly stake p - (1 - p) / b is not positive");
        Assert.That(assessment.Sizing!.KellyQuantity, Is.Zero);
    }

    [Test]
    public void Cash_limit_clamps_the_risk_agent_quantity()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(cash: 1_000m), Market(), llmApprovedQuantity: 40m, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Quantity, Is.EqualTo(10m));
            Assert.That(assessment.Clamps.Single(), Is.EqualTo(new RiskClamp(
                RiskLimit.Cash, 40m, 10m, "the risk agent asked for 40; the available cash of 1000 allows 10")));
            Assert.That(assessment.Metrics.PositionFractionOfEquity, Is.EqualTo(0.1m));
        });
    }

    [Test]
    public void Non_positive_adjusted_size_from_the_risk_agent_is_rejected()
    {
        var assessment = Gate().Evaluate(Proposal(), Portfolio(), Market(), llmApprovedQuantity: 0m, llmApproved: true);

        AssertRejectedOnlyFor(assessment, "the risk agent approved an adjusted size of 0; it must be positive");
    }

    [Test]
    public void Every_failed_check_is_reported()
    {
        var assessment = Gate().Evaluate(Proposal(stop: null), Portfolio(peak: 20_000m), Market(), null, llmApproved: false);

        Assert.That(assessment.Rejections, Has.Count.EqualTo(3));
    }

    [Test]
    public void Every_refusal_carries_its_stable_code()
    {
        var full = Enumerable.Range(0, 5).Select(_ => Held(Eth, 1m, 100m, 99m)).ToList();
        var riskUsedUp = new List<Position> { Held(Eth, 40m, 100m, 75m) };
        var cases = new (string Code, RiskAssessment Assessment)[]
        {
            (RefusalCodes.RiskAgentRejected, Gate().Evaluate(Proposal(), Portfolio(), Market(), null, llmApproved: false)),
            (RefusalCodes.InvalidQuantity, Gate().Evaluate(Proposal(), Portfolio(), Market(), 0m, llmApproved: true)),
            (RefusalCodes.InvalidQuantity, Gate().Evaluate(Proposal(quantity: -1m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.NoEquity, Gate().Evaluate(Proposal(), Portfolio(equity: 0m), Market(), null, llmApproved: true)),
            (RefusalCodes.DrawdownHalt, Gate().Evaluate(Proposal(), Portfolio(peak: 12_500m), Market(), null, llmApproved: true)),
            (RefusalCodes.MaxPositions, Gate().Evaluate(Proposal(), Portfolio(positions: full), Market(), null, llmApproved: true)),
            (RefusalCodes.SymbolMismatch, Gate().Evaluate(Proposal(), Portfolio(), new MarketCheck(Eth, 100m, Now), null, llmApproved: true)),
            (RefusalCodes.InvalidConfidence, Gate().Evaluate(Proposal(confidence: 1.5m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.InvalidPrice, Gate().Evaluate(Proposal(entry: 0m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.EntryDeviation, Gate().Evaluate(Proposal(), Portfolio(), Market(105m), null, llmApproved: true)),
            (RefusalCodes.NoStopLoss, Gate().Evaluate(Proposal(stop: null), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.StopWrongSide, Gate().Evaluate(Proposal(stop: 105m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.StopTooFar, Gate().Evaluate(Proposal(stop: 90m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.TakeProfitWrongSide, Gate().Evaluate(Proposal(takeProfit: 95m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.PortfolioRisk, Gate().Evaluate(Proposal(), Portfolio(positions: riskUsedUp), Market(), null, llmApproved: true)),
            (RefusalCodes.NoEdge, Gate().Evaluate(Proposal(takeProfit: 105m), Portfolio(), Market(), null, llmApproved: true)),
            (RefusalCodes.NoCash, Gate().Evaluate(Proposal(), Portfolio(cash: 0m), Market(), null, llmApproved: true)),
        };

        Assert.Multiple(() =>
        {
            foreach (var (code, assessment) in cases)
            {
                Assert.That(assessment.Refusals.Select(r => r.Code), Is.EqualTo(new[] { code }), string.Join("; ", assessment.Rejections));
                Assert.That(assessment.Rejections, Is.EqualTo(assessment.Refusals.Select(r => r.Reason)));
            }
        });
    }

    [Test]
    public void Invalid_limits_are_refused_when_the_gate_is_built()
    {
        var limits = new RiskLimitsOptions { KellyFraction = 0m };

        Assert.That(
            () => Gate(limits),
            Throws.TypeOf<Microsoft.Extensions.Options.OptionsValidationException>()
                .With.Message.Contains("Risk:KellyFraction must be in (0, 1] (got 0)"));
    }

    private static void AssertRejectedOnlyFor(RiskAssessment assessment, string reason)
    {
        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.False);
            Assert.That(assessment.Quantity, Is.Zero);
            Assert.That(assessment.Clamps, Is.Empty);
            Assert.That(assessment.Rejections, Is.EqualTo(new[] { reason }));
            Assert.That(assessment.Metrics.RiskAmount, Is.Zero);
        });
    }
}
