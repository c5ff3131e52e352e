using System.Diagnostics;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.DependencyInjection;
using static CryptoFunk.Tests.Orchestration.DecisionFixtures;

namespace CryptoFunk.Tests.Orchestration;

public sealed class TradingDecisionMakerTests
{
    private TempDirectory _dir = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void Start()
    {
        _dir = new TempDirectory();
        _services = Services(_dir);
    }

    [TearDown]
    public async Task Stop()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    private Task<TradingDecision> DecideAsync(DecisionParticipants participants, DecisionContext context) =>
        _services.GetRequiredService<TradingDecisionMaker>().DecideAsync(participants, context, DecisionInputs.For(context.Situation), CancellationToken.None);

    private static (ScriptedAgent Trend, ScriptedAgent Reversion) Buying(decimal price, decimal? stop = null) =>
        (ScriptedAgent.Proposal("trend_following", "BUY", 0.7, price, stop ?? price * 0.97m, price * 1.06m),
         ScriptedAgent.Proposal("mean_reversion", "HOLD", 0.5));

    [Test]
    public async Task No_consensus_holds_with_the_vote_as_reason_and_asks_no_strategist()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var risk = ScriptedAgent.Risk(approved: true);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.6), ScriptedAgent.Signal("order_book", "SELL", 0.6), ScriptedAgent.Signal("sentiment", "HOLD", 0.5)],
            [trend, reversion],
            risk);

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.NoConsensus));
            Assert.That(decision.Reason, Does.StartWith("HOLD: no consensus: the strongest signal, BUY, has 35% of the confidence-weighted vote, below the 67% threshold"));
            Assert.That(decision.Turns, Has.Count.EqualTo(1));
            Assert.That(decision.Turns[0].Termination.Reason, Is.EqualTo(decision.Reason));
            Assert.That(trend.Calls + reversion.Calls + risk.Calls, Is.Zero);
            Assert.That(decision.Degraded, Is.False);
        });
    }

    [Test]
    public async Task A_failed_agent_does_not_vote_and_the_decision_is_degraded()
    {
        // Had the failure counted as a neutral HOLD of any weight near the others, BUY would fall below two thirds.
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.5), ScriptedAgent.Failing("order_book"), ScriptedAgent.Signal("sentiment", "HOLD", 0.2)],
            [trend, reversion],
            ScriptedAgent.Risk(approved: true));

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Consensus!.Signal, Is.EqualTo(TradeAction.Buy));
            Assert.That(decision.Consensus.Votes.Select(v => v.AgentName), Is.EqualTo(new[] { "technical_analysis", "sentiment" }));
            Assert.That(decision.Consensus.Abstained.Single(), Does.StartWith("order_book (order_book failed: HttpRequestException: connection refused"));
            Assert.That(decision.Consensus.Share, Is.EqualTo(0.5 / 0.7).Within(1e-12));
            Assert.That(decision.Degraded, Is.True);
            Assert.That(decision.Responses.Single(r => r.AgentName == "order_book").Abstained, Is.True);
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Buy));
        });
    }

    [Test]
    public async Task One_analyst_voting_alone_holds_because_the_quorum_is_not_met()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var risk = ScriptedAgent.Risk(approved: true);
        var participants = Participants([ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Failing("sentiment")], [trend, reversion], risk);

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.NoQuorum));
            Assert.That(decision.Reason, Does.StartWith("HOLD: quorum not met: 1 of 2 analysts voted, at least 2 must [technical_analysis BUY 0.80]; not voting: sentiment (sentiment failed"));
            Assert.That(decision.Reason, Does.Not.Contain("consensus BUY"));
            Assert.That(decision.Consensus!.Reached, Is.False);
            Assert.That(decision.Consensus.MajoritySignal, Is.EqualTo(TradeAction.Buy));
            Assert.That(trend.Calls + reversion.Calls + risk.Calls, Is.Zero);
            Assert.That(decision.Degraded, Is.True);
            Assert.That(decision.Refusals, Is.EqualTo(new[] { new TradeRefusal(RefusalCodes.Quorum, decision.Reason) }));
        });
    }

    [Test]
    public async Task Two_analysts_voting_reach_consensus_as_before()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Failing("order_book"), ScriptedAgent.Signal("sentiment", "BUY", 0.6)],
            [trend, reversion],
            ScriptedAgent.Risk(approved: true));

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Consensus!.Reached, Is.True);
            Assert.That(decision.Turns[1].Selection.Reason, Does.StartWith("consensus BUY with 100% of the confidence-weighted vote (threshold 67%)"));
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Buy));
        });
    }

    [Test]
    public async Task The_quorum_is_configurable()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Failing("order_book"), ScriptedAgent.Signal("sentiment", "BUY", 0.6)],
            [trend, reversion],
            ScriptedAgent.Risk(approved: true));
        await using var services = Services(_dir, new() { ["Trading:MinimumVoters"] = "3" });

        var decision = await services.GetRequiredService<TradingDecisionMaker>().DecideAsync(participants, Flat(snapshot), DecisionInputs.For(new DecisionSituation(snapshot)), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.NoQuorum));
            Assert.That(decision.Reason, Does.StartWith("HOLD: quorum not met: 2 of 3 analysts voted, at least 3 must"));
        });
    }

    [Test]
    public async Task Risk_rejection_holds_with_the_risk_agents_reasoning()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)],
            [trend, reversion],
            ScriptedAgent.Risk(approved: false, reasoning: "volatility too high for this size"));

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.RiskRejected));
            Assert.That(decision.Reason, Is.EqualTo("HOLD: the risk agent rejected the trade: volatility too high for this size"));
            Assert.That(decision.Turns.Select(t => t.Selection.Agent.Name), Is.EqualTo(new[] { "analysis", "strategy", "risk_management" }));
            Assert.That(decision.Quantity, Is.Zero);
        });
    }

    [Test]
    public async Task A_risk_agent_approving_a_hundred_times_the_allowed_size_is_clamped_to_the_limit_and_the_clamp_recorded()
    {
        var snapshot = Snapshot();
        var price = snapshot.Price;
        var (trend, reversion) = Buying(price);
        var gate = _services.GetRequiredService<RiskGate>();
        var context = Flat(snapshot);
        var allowed = gate.Evaluate(new TradeProposal("trend_following", Btc, PositionSide.Long, price, price * 0.97m, price * 1.06m, 0.7m), context.Portfolio, context.MarketCheck, null, true).Quantity;
        var risk = ScriptedAgent.Risk(approved: true, adjustedSize: decimal.Round(allowed * 100m, 8));
        var participants = Participants([ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)], [trend, reversion], risk);

        var decision = await DecideAsync(participants, context);

        Assert.Multiple(() =>
        {
            Assert.That(allowed, Is.GreaterThan(0m));
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Buy));
            Assert.That(decision.Quantity, Is.EqualTo(allowed));
            Assert.That(decision.Risk!.Clamps, Has.Count.EqualTo(1));
            Assert.That(decision.Risk.Clamps[0].Requested, Is.EqualTo(decimal.Round(allowed * 100m, 8)));
            Assert.That(decision.Risk.Clamps[0].Allowed, Is.EqualTo(allowed));
            Assert.That(decision.Risk.Metrics.RiskFractionOfEquity, Is.LessThanOrEqualTo(0.02m));
            Assert.That(decision.Reason, Does.Contain("clamped by code: the risk agent asked for"));
            Assert.That((string)risk.LastArguments!["proposal_context"]!, Does.Contain("Largest size the hard limits allow: " + RiskText.Number(allowed)));
        });
    }

    [Test]
    public async Task A_stop_loss_on_the_wrong_side_is_rejected_by_code_even_when_the_risk_agent_approves()
    {
        var snapshot = Snapshot();
        var price = snapshot.Price;
        var (trend, reversion) = Buying(price, stop: price * 1.02m);
        var risk = ScriptedAgent.Risk(approved: true);
        var participants = Participants([ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)], [trend, reversion], risk);

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Risk!.Approved, Is.False);
            Assert.That(decision.Reason, Does.Contain("the code risk gate refused: long stop loss"));
            Assert.That(decision.Reason, Does.Contain("must be below the entry"));
            Assert.That((string)risk.LastArguments!["proposal_context"]!, Does.Contain("Code risk check: REFUSED: long stop loss"));
        });
    }

    [TestCase(false, 0.97, RefusalCodes.RiskAgentRejected, TestName = "The risk agent's own rejection is counted as its refusal")]
    [TestCase(true, 1.02, RefusalCodes.StopWrongSide, TestName = "Code's refusal after the risk agent approved is counted by the gate's code")]
    [TestCase(false, 1.02, RefusalCodes.StopWrongSide, TestName = "A rejection that only passed on code's refusal is counted by the gate's code")]
    public async Task Refusals_carry_the_code_of_the_check_that_refused(bool riskApproves, decimal stopFactor, string code)
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price, stop: snapshot.Price * stopFactor);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)],
            [trend, reversion],
            ScriptedAgent.Risk(approved: riskApproves));

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Refusals.Select(r => r.Code), Is.EqualTo(new[] { code }));
        });
    }

    [Test]
    public async Task A_sell_consensus_while_long_closes_without_a_risk_review()
    {
        var snapshot = Snapshot();
        var risk = ScriptedAgent.Risk(approved: true);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "SELL", 0.8), ScriptedAgent.Signal("sentiment", "SELL", 0.6)],
            [ScriptedAgent.Proposal("trend_following", "CLOSE", 0.6), ScriptedAgent.Proposal("mean_reversion", "HOLD", 0.9)],
            risk);

        var decision = await DecideAsync(participants, Long(snapshot, quantity: 3m));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Close));
            Assert.That(decision.Quantity, Is.EqualTo(3m));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.Close));
            Assert.That(decision.Reason, Does.StartWith("trend_following CLOSE chosen to close the long position"));
            Assert.That(risk.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task A_sell_consensus_while_flat_holds_because_shorts_are_disabled()
    {
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "SELL", 0.8), ScriptedAgent.Signal("sentiment", "SELL", 0.6)],
            [ScriptedAgent.Proposal("trend_following", "SELL", 0.6)],
            ScriptedAgent.Risk(approved: true));

        var decision = await DecideAsync(participants, Flat(Snapshot()));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.NothingToDo));
            Assert.That(decision.Reason, Does.StartWith("HOLD: nothing to sell (no position) and shorts are disabled"));
        });
    }

    [Test]
    public async Task The_best_proposal_wins_on_confidence_times_reward_to_risk()
    {
        var snapshot = Snapshot();
        var price = snapshot.Price;
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)],
            [
                ScriptedAgent.Proposal("trend_following", "BUY", 0.9, price, price * 0.98m, price * 1.02m),
                ScriptedAgent.Proposal("mean_reversion", "BUY", 0.5, price, price * 0.98m, price * 1.06m),
            ],
            ScriptedAgent.Risk(approved: true));

        var decision = await DecideAsync(participants, Flat(snapshot));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Proposal!.AgentName, Is.EqualTo("mean_reversion"), "0.5 x 3 beats 0.9 x 1");
            Assert.That(decision.Turns[2].Selection.Reason, Does.StartWith("mean_reversion BUY chosen to open a long position: confidence 0.50, reward/risk 3.00, score 1.50"));
        });
    }

    [Test]
    public async Task The_iteration_limit_ends_the_chat_with_a_reason()
    {
        var snapshot = Snapshot();
        var (trend, reversion) = Buying(snapshot.Price);
        var participants = Participants([ScriptedAgent.Signal("technical_analysis", "BUY", 0.8), ScriptedAgent.Signal("sentiment", "BUY", 0.6)], [trend, reversion], ScriptedAgent.Risk(approved: true));
        await using var services = Services(_dir, new() { ["Trading:MaximumIterations"] = "2" });

        var decision = await services.GetRequiredService<TradingDecisionMaker>().DecideAsync(participants, Flat(snapshot), DecisionInputs.For(new DecisionSituation(snapshot)), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.IterationLimit));
            Assert.That(decision.Reason, Is.EqualTo("HOLD: iteration limit of 2 reached"));
        });
    }

    [Test]
    public async Task A_decision_is_one_trace_whose_root_carries_the_action_and_reason()
    {
        // Only spans started from this test's own flow: agents another test left behind may end while this one runs.
        var finished = new List<Activity>();
        var ours = new AsyncLocal<bool> { Value = true };
        var started = new HashSet<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (ours.Value)
                {
                    lock (started)
                    {
                        started.Add(activity);
                    }
                }
            },
            ActivityStopped = activity =>
            {
                lock (started)
                {
                    if (started.Contains(activity))
                    {
                        finished.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var participants = Participants(
            [ScriptedAgent.Signal("technical_analysis", "BUY", 0.6), ScriptedAgent.Signal("sentiment", "SELL", 0.6)],
            [ScriptedAgent.Proposal("trend_following", "HOLD", 0.5)],
            ScriptedAgent.Risk(approved: true));

        var decision = await DecideAsync(participants, Flat(Snapshot()));

        var root = finished.Single(a => a.DisplayName == "invoke_agent trading_decision");
        var analysis = finished.Single(a => a.DisplayName == "invoke_agent analysis");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetTagItem("cryptofunk.action"), Is.EqualTo("HOLD"));
            Assert.That(root.GetTagItem("cryptofunk.reason"), Is.EqualTo(decision.Reason));
            Assert.That(root.GetTagItem("cryptofunk.symbol"), Is.EqualTo("BTC/USDT"));
            Assert.That(analysis.ParentSpanId, Is.EqualTo(root.SpanId));
            Assert.That(finished.Where(a => a.DisplayName == "invoke_agent technical_analysis").Single().TraceId, Is.EqualTo(root.TraceId));
        });
    }
}
