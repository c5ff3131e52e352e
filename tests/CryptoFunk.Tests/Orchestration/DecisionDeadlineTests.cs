using System.Diagnostics;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CryptoFunk.Tests.Orchestration.DecisionFixtures;

namespace CryptoFunk.Tests.Orchestration;

/// <summary>
/// <c>Trading:DecisionTimeout</c>: an agent that has not answered when its stage's deadline passes abstains and the
/// decision goes on. The clock is a fake one moved by the test, so nothing depends on how busy the machine is; a
/// real-time guard only turns a hang into a failure.
/// </summary>
public sealed class DecisionDeadlineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private static ScriptedAgent AtOnce(ScriptedAgent agent) => new() { Name = agent.Name, Json = agent.Json, AnswersAtOnce = true };

    private static Task<TradingDecision> DecideAsync(ServiceProvider services, DecisionParticipants participants, DecisionContext context) =>
        services.GetRequiredService<TradingDecisionMaker>().DecideAsync(participants, context, DecisionInputs.For(context.Situation), CancellationToken.None);

    [Test]
    public async Task A_hung_analyst_and_a_hung_strategist_abstain_at_their_deadlines_and_the_decision_goes_on()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Services(_dir, time: time);
        var snapshot = Snapshot();
        var price = snapshot.Price;
        var analyst = new HangingAgent { Name = "order_book" };
        var strategist = new HangingAgent { Name = "mean_reversion" };
        var participants = Participants(
            [AtOnce(ScriptedAgent.Signal("technical_analysis", "BUY", 0.8)), analyst, AtOnce(ScriptedAgent.Signal("sentiment", "BUY", 0.6))],
            [AtOnce(ScriptedAgent.Proposal("trend_following", "BUY", 0.7, price, price * 0.97m, price * 1.06m)), strategist],
            AtOnce(ScriptedAgent.Risk(approved: true)));

        var deciding = DecideAsync(services, participants, Flat(snapshot));
        await analyst.Called.WaitAsync(Guard);
        time.Advance(Timeout);
        await strategist.Called.WaitAsync(Guard);
        time.Advance(Timeout);
        var decision = await deciding.WaitAsync(Guard);

        var abstained = decision.Responses.Where(r => r.Abstained).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(abstained.Select(r => r.AgentName), Is.EqualTo(new[] { "order_book", "mean_reversion" }));
            Assert.That(abstained.Select(r => r.AbstainReason), Is.EqualTo(new[]
            {
                "order_book did not answer within the decision deadline of 00:02:00",
                "mean_reversion did not answer within the decision deadline of 00:02:00",
            }));
            Assert.That(abstained.All(r => r.MissedDeadline), Is.True);
            Assert.That(decision.Consensus!.Votes.Select(v => v.AgentName), Is.EqualTo(new[] { "technical_analysis", "sentiment" }));
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Buy), decision.Reason);
            Assert.That(decision.Degraded, Is.True);
            Assert.That(time.GetUtcNow() - Start, Is.EqualTo(2 * Timeout), "each stage waited for its deadline, no longer");
        });
    }

    [Test]
    public async Task A_risk_agent_that_misses_the_deadline_approves_nothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Services(_dir, time: time);
        var snapshot = Snapshot();
        var price = snapshot.Price;
        var risk = new HangingAgent { Name = "risk_management" };
        var participants = Participants(
            [AtOnce(ScriptedAgent.Signal("technical_analysis", "BUY", 0.8)), AtOnce(ScriptedAgent.Signal("sentiment", "BUY", 0.6))],
            [AtOnce(ScriptedAgent.Proposal("trend_following", "BUY", 0.7, price, price * 0.97m, price * 1.06m))],
            risk);

        var deciding = DecideAsync(services, participants, Flat(snapshot));
        await risk.Called.WaitAsync(Guard);
        time.Advance(Timeout);
        var decision = await deciding.WaitAsync(Guard);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Hold));
            Assert.That(decision.Quantity, Is.Zero);
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.RiskRejected));
            Assert.That(decision.Reason, Is.EqualTo(
                "HOLD: the risk agent gave no verdict (risk_management did not answer within the decision deadline of 00:02:00); no trade without approval"));
            Assert.That(decision.Refusals.Select(r => r.Code), Is.EqualTo(new[] { RefusalCodes.Deadline }));
        });
    }

    [Test]
    public async Task An_agent_that_ignores_cancellation_is_left_behind_at_the_deadline()
    {
        var time = new FakeTimeProvider(Start);
        await using var services = Services(_dir, time: time);
        var snapshot = Snapshot();
        var analyst = new HangingAgent { Name = "sentiment", IgnoresCancellation = true };
        var participants = Participants(
            [AtOnce(ScriptedAgent.Signal("technical_analysis", "HOLD", 0.8)), AtOnce(ScriptedAgent.Signal("order_book", "HOLD", 0.6)), analyst],
            [AtOnce(ScriptedAgent.Proposal("trend_following", "HOLD", 0.5))],
            AtOnce(ScriptedAgent.Risk(approved: true)));

        var deciding = DecideAsync(services, participants, Flat(snapshot));
        await analyst.Called.WaitAsync(Guard);
        var watch = Stopwatch.StartNew();
        while (!deciding.IsCompleted && watch.Elapsed < Guard)
        {
            // The deadline's timers are set just before and just after the agent is called; move past both.
            time.Advance(Timeout);
            await Task.WhenAny(deciding, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        var decision = await deciding.WaitAsync(Guard);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Responses.Single(r => r.AgentName == "sentiment").AbstainReason, Is.EqualTo("sentiment did not answer within the decision deadline of 00:02:00"));
            Assert.That(decision.Conclusion, Is.EqualTo(ChatConclusion.NoConsensus));
        });
    }

    [Test]
    public async Task A_provider_that_never_answers_one_agent_cannot_stall_the_decision()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        var hang = false;
        openai.Fallback = request => hang && IsOrderBook(request) ? FakeReply.Hang() : TradingDesk.Answer(request);
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-fake-1", timeoutSeconds: 120, maxRetries: 0);
        settings["Trading:DecisionTimeout"] = "00:00:03";
        settings["Llm:Cache:Enabled"] = "false";
        await using var services = Services(_dir, settings);
        var maker = services.GetRequiredService<TradingDecisionMaker>();
        var participants = maker.CreateParticipants();
        var context = Flat(Snapshot());

        // A first decision warms the model pipeline up, so the deadline measures the hang, not a cold start.
        await maker.DecideAsync(participants, context, DecisionInputs.For(context.Situation), CancellationToken.None).WaitAsync(Guard);
        hang = true;
        var watch = Stopwatch.StartNew();
        var decision = await maker.DecideAsync(participants, context, DecisionInputs.For(context.Situation), CancellationToken.None).WaitAsync(Guard);
        watch.Stop();

        var orderBook = decision.Responses.Single(r => r.AgentName == "order_book");
        Assert.Multiple(() =>
        {
            Assert.That(openai.Requests.Count(IsOrderBook), Is.EqualTo(2));
            Assert.That(orderBook.AbstainReason, Is.EqualTo("order_book did not answer within the decision deadline of 00:00:03"));
            Assert.That(decision.Responses.Count(r => r.Abstained), Is.EqualTo(1));
            Assert.That(decision.Consensus!.Votes.Select(v => v.AgentName), Is.EqualTo(new[] { "technical_analysis", "sentiment" }));
            Assert.That(decision.Action, Is.EqualTo(TradeAction.Buy), decision.Reason);

            // It waited for the deadline, and far less than the provider's own 120 s timeout; the margin is for a busy machine.
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9)));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3 + 25)));
        });
    }

    private static bool IsOrderBook(RecordedRequest request) => request.Body.Contains("order-flow analyst", StringComparison.Ordinal);

    [Test]
    public async Task The_deadline_defaults_to_two_minutes_and_a_bad_one_fails_at_start_naming_the_key()
    {
        await using var bad = Services(_dir, new() { ["Trading:DecisionTimeout"] = "00:00:00" });

        Assert.Multiple(() =>
        {
            Assert.That(new TradingOptions().DecisionTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(
                () => bad.GetRequiredService<IOptions<TradingOptions>>().Value,
                Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Trading:DecisionTimeout must be positive, was 00:00:00"));
        });
    }
}
