using System.Diagnostics;
using CryptoFunk.Agents.Telemetry;

namespace CryptoFunk.Tests.Telemetry;

public sealed class RulesOnlyTraceFilterTests
{
    private static Activity Agent(string name, string source, bool degraded = false)
    {
        var span = new Activity($"invoke_agent {name}").Start();
        span.SetTag(GenAiAttributes.OperationName, "invoke_agent");
        span.SetTag(GenAiAttributes.ResponseSource, source);
        span.SetTag(GenAiAttributes.Degraded, degraded);
        return span;
    }

    private static List<Activity> Ended(RulesOnlyTraceFilter filter, Activity span)
    {
        span.Stop();
        return [.. filter.Admit(span)];
    }

    [Test]
    public void A_trace_answered_by_the_rules_alone_is_not_stored()
    {
        var filter = new RulesOnlyTraceFilter();
        var decision = new Activity("invoke_agent trading_decision").Start();
        var stored = Ended(filter, Agent("technical_analysis", "rules"));
        stored.AddRange(Ended(filter, Agent("sentiment", "rules")));
        stored.AddRange(Ended(filter, decision));

        Assert.That(stored, Is.Empty);
    }

    [Test]
    public void A_trace_with_a_model_call_is_stored_whole_held_spans_first()
    {
        var filter = new RulesOnlyTraceFilter();
        var decision = new Activity("invoke_agent trading_decision").Start();
        var rules = Agent("sentiment", "rules");
        var early = Ended(filter, rules);
        var agent = Agent("technical_analysis", "llm:openai/gpt-4o-mini");
        var chat = new Activity("chat gpt-4o-mini").Start();
        chat.SetTag(GenAiAttributes.OperationName, "chat");
        var atChat = Ended(filter, chat);
        var later = Ended(filter, agent).Concat(Ended(filter, decision)).ToList();

        Assert.That(early, Is.Empty, "held until the trace qualifies or ends");
        Assert.That(atChat, Is.EqualTo(new[] { rules, chat }));
        Assert.That(later, Is.EqualTo(new[] { agent, decision }));
    }

    [TestCase("rules", true, ActivityStatusCode.Unset)]
    [TestCase("rules", false, ActivityStatusCode.Error)]
    [TestCase("budget", false, ActivityStatusCode.Unset)]
    [TestCase("replay", false, ActivityStatusCode.Unset)]
    public void A_degraded_failed_budget_or_replayed_answer_keeps_its_trace(string source, bool degraded, ActivityStatusCode status)
    {
        var filter = new RulesOnlyTraceFilter();
        var decision = new Activity("invoke_agent trading_decision").Start();
        var agent = Agent("technical_analysis", source, degraded);
        agent.SetStatus(status);
        var stored = Ended(filter, agent).Concat(Ended(filter, decision)).ToList();

        Assert.That(stored, Is.EqualTo(new[] { agent, decision }));
    }

    [Test]
    public void A_rules_span_ending_after_its_trace_was_dropped_is_dropped()
    {
        var filter = new RulesOnlyTraceFilter();
        var decision = new Activity("invoke_agent trading_decision").Start();
        var straggler = Agent("sentiment", "rules");
        Activity.Current = decision;
        var stored = Ended(filter, decision);
        stored.AddRange(Ended(filter, straggler));

        Assert.That(stored, Is.Empty);
    }
}
