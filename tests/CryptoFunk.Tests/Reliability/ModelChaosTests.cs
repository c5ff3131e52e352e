using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CryptoFunk.Storage;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Chaos in the model path. A backtest of 18 days of hourly decisions sends every agent call through the program's
/// own model pipeline (call log, answer cache, failover over two providers, budget, retries, circuit breakers,
/// timeouts, provider error mapping) to a fake OpenAI-compatible server that fails about a third of the requests in
/// every way it can, by a fixed seed, and whose primary provider is down for twelve hours of the window; the same
/// backtest without faults is the baseline. The run must complete, every answer say where it came from, agents that
/// abstain never vote, the primary's circuit open and close again, the calls, tokens and cost counted equal what the
/// server served, and the run take no longer than the baseline plus what the timeouts and waits allow.
/// </summary>
public sealed partial class ModelChaosTests
{
    private const int Seed = 11;
    private const double FaultShare = 1.0 / 3;
    private const double StubbornShare = 0.03;
    private const int MinimumCalls = 1000;
    private const string Primary = "primary/" + ChaosModel.PrimaryModel;
    private const string Backup = "backup/" + ChaosModel.BackupModel;

    /// <summary>What the bound allows beyond the baseline, the faults' own costs and the extra requests: scheduling noise on a shared machine.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private static readonly DateOnly From = new(2021, 2, 1);
    private static readonly DateOnly To = new(2021, 2, 19);
    private static readonly DateTimeOffset OutageFrom = new(2021, 2, 8, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OutageTo = OutageFrom.AddHours(12);

    private ChaosBacktest _baseline = null!;
    private ChaosBacktest _chaos = null!;

    private JsonObject ChaosSummary => _chaos.Summary ?? throw new AssertionException($"the backtest with faults wrote no summary (exit {_chaos.ExitCode}): {_chaos.Error.Split('\n').LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))}");

    [OneTimeSetUp]
    public async Task RunBothAsync()
    {
        _baseline = await ChaosBacktest.RunAsync(FaultSchedule.None, From, To);
        _chaos = await ChaosBacktest.RunAsync(new FaultSchedule(Seed, FaultShare, StubbornShare, OutageFrom, OutageTo), From, To);
        await TestContext.Progress.WriteLineAsync(Figures());
    }

    [Test]
    public void The_run_completes_with_every_decision_and_no_exception_escapes_the_model_path()
    {
        var outsideOutage = _chaos.Served.Where(s => s.DecisionTime < OutageFrom || s.DecisionTime >= OutageTo).ToList();
        var failedShare = (double)outsideOutage.Count(s => s.Fault != ModelFault.None) / outsideOutage.Count;
        Assert.Multiple(() =>
        {
            Assert.That(_baseline.ExitCode, Is.Zero, _baseline.Error);
            Assert.That(_chaos.ExitCode, Is.Zero, _chaos.Error);
            Assert.That(_chaos.Run?.Status, Is.EqualTo(TradingRunStatuses.Completed));
            Assert.That(_chaos.Decisions, Has.Count.EqualTo(_baseline.Decisions.Count).And.Count.GreaterThan(0), "a decision at every bar, as without faults");
            Assert.That(ChaosSummary["decisions"]!["total"]!.GetValue<int>(), Is.EqualTo(_chaos.Decisions.Count));
            Assert.That(_chaos.Calls, Has.Count.GreaterThanOrEqualTo(MinimumCalls), "agent calls through the model pipeline");
            Assert.That(Enum.GetValues<ModelFault>().Where(f => f != ModelFault.None).Except(_chaos.Served.Select(s => s.Fault)), Is.Empty, "every kind of fault was served");
            Assert.That(failedShare, Is.InRange(0.28, 0.40), "about a third of the requests failed outside the outage");
            Assert.That(
                AgentRows(_chaos).Where(a => a.AbstainReason?.Contains(" failed: ", StringComparison.Ordinal) == true).Select(a => a.AbstainReason),
                Is.Empty,
                "an exception escaped the model pipeline and made its agent abstain");
        });
    }

    [Test]
    public void Every_stored_answer_and_call_names_a_known_source()
    {
        var rows = AgentRows(_chaos);
        var bySource = ChaosSummary["decisions"]!["agent_decisions_by_source"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(a => a.Source).Where(s => !KnownSource().IsMatch(s)), Is.Empty, "agent decision rows");
            Assert.That(_chaos.Calls.Select(c => c.Source).Where(s => !KnownSource().IsMatch(s)), Is.Empty, "call log rows");
            Assert.That(bySource.Select(p => p.Key).Where(s => !KnownSource().IsMatch(s)), Is.Empty, "the summary's sources");
            Assert.That(
                bySource.ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()),
                Is.EqualTo(rows.GroupBy(a => a.Source).ToDictionary(g => g.Key, g => g.Count())),
                "the summary counts the stored rows by source");
            Assert.That(rows.Select(a => a.Source).Distinct(), Is.SupersetOf(new[] { $"llm:{Primary}", $"llm:{Backup}", "rules" }), "both providers answered, and agents fell back to their rules");
        });
    }

    [Test]
    public void Agents_that_abstain_never_vote()
    {
        var analysts = AgentRows(_chaos).Where(a => a.AgentType == "analysis").ToList();
        Assert.That(analysts.Count(a => a.Action == Abstained), Is.GreaterThan(0), "some analysts abstained");
        Assert.Multiple(() =>
        {
            foreach (var decision in _chaos.Decisions)
            {
                var voters = decision.Agents.Where(a => a.AgentType == "analysis" && a.Action != Abstained).ToList();
                var weights = voters.GroupBy(a => a.Action).Select(g => (double)g.Sum(a => a.Confidence)).ToList();
                var total = weights.Sum();
                var at = $"decision at {decision.DecisionTime:O} (voters {string.Join(", ", voters.Select(v => $"{v.AgentName} {v.Action} {v.Confidence}"))}; abstained {string.Join(", ", decision.Agents.Where(a => a.Action == Abstained).Select(a => a.AgentName))})";
                Assert.That(decision.ConsensusShare ?? 0, Is.EqualTo(total > 0 ? weights.Max() / total : 0).Within(1e-3), $"share of the vote, {at}");
                Assert.That(decision.RefusalCodes?.Split(' ').Contains("quorum") == true, Is.EqualTo(voters.Count < 2), $"quorum refusal, {at}");
                if (voters.Count == 0)
                {
                    Assert.That(decision.ConsensusSignal, Is.Null, $"signal with no voter, {at}");
                }
            }
        });
    }

    [Test]
    public void The_primary_circuit_opens_in_its_outage_and_closes_again_after_it()
    {
        var open = $"{Primary}=CircuitOpen";
        var skipped = _chaos.Calls.Where(c => c.Failures?.Split(';').Contains(open) == true).ToList();
        var skippedInOutage = skipped.Where(c => c.DecisionTime >= OutageFrom && c.DecisionTime < OutageTo).ToList();
        Assert.That(skippedInOutage, Is.Not.Empty, "the primary's circuit opened during its outage");
        var answeredAfter = _chaos.Calls.Where(c => c.Id > skippedInOutage[^1].Id && c.Source == $"llm:{Primary}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(answeredAfter, Is.Not.Empty, "the primary answered again once its circuit closed");
            Assert.That(answeredAfter.Select(c => c.DecisionTime), Has.All.GreaterThanOrEqualTo(OutageTo));
            Assert.That(_chaos.Served.Where(s => s.Fault == ModelFault.Outage).Select(s => s.DecisionTime), Has.All.InRange(OutageFrom, OutageTo.AddTicks(-1)));
        });
    }

    [Test]
    public void Calls_tokens_and_cost_add_up_to_what_the_server_served()
    {
        var llm = ChaosSummary["llm"]!;
        var answered = _chaos.Served.Where(s => s.Answered).ToList();
        var logged = _chaos.Calls.Where(c => c.Source.StartsWith("llm:", StringComparison.Ordinal)).ToList();
        var rows = AgentRows(_chaos);
        var served = answered.Sum(s => (s.InputTokens * ChaosModel.Prices(s.Model).Input + s.OutputTokens * ChaosModel.Prices(s.Model).Output) / 1_000_000m);
        var timedOut = _chaos.Calls.Sum(c => c.Failures?.Split(';').Count(f => f.EndsWith("=Timeout", StringComparison.Ordinal)) ?? 0);
        var why = $"the server answered {answered.Count} requests; {_chaos.Served.Count(s => s.Fault == ModelFault.Hang)} hung and the call log names {timedOut} final timeouts (an answer later than the timeout is served but never counted)";
        Assert.Multiple(() =>
        {
            Assert.That(llm["calls"]!.GetValue<int>(), Is.EqualTo(answered.Count), why);
            Assert.That(logged, Has.Count.EqualTo(answered.Count), why);
            Assert.That(rows.Sum(a => a.CallsLive), Is.EqualTo(answered.Count), "the stored answers' live calls");
            Assert.That(logged.GroupBy(c => c.Provider).ToDictionary(g => g.Key!, g => g.Count()), Is.EqualTo(answered.GroupBy(s => s.Model == ChaosModel.PrimaryModel ? Primary : Backup).ToDictionary(g => g.Key, g => g.Count())), "calls by provider");
            Assert.That(llm["input_tokens"]!.GetValue<long>(), Is.EqualTo(answered.Sum(s => s.InputTokens)));
            Assert.That(llm["output_tokens"]!.GetValue<long>(), Is.EqualTo(answered.Sum(s => s.OutputTokens)));
            Assert.That(logged.Sum(c => c.InputTokens), Is.EqualTo(answered.Sum(s => s.InputTokens)));
            Assert.That(logged.Sum(c => c.OutputTokens), Is.EqualTo(answered.Sum(s => s.OutputTokens)));
            Assert.That(rows.Sum(a => a.PromptTokens), Is.EqualTo(answered.Sum(s => s.InputTokens)), "the stored answers' input tokens");
            Assert.That(llm["cost_usd"]!.GetValue<decimal>(), Is.EqualTo(served));
            Assert.That(_chaos.Calls.Sum(c => c.CostUsd), Is.EqualTo(served));
            Assert.That(rows.Sum(a => a.CostUsd), Is.EqualTo(served), "the stored answers' cost");
        });
    }

    [Test]
    public void The_extra_time_is_bounded_by_the_timeouts_and_waits()
    {
        var bound = Bound();
        Assert.That(_chaos.Elapsed, Is.LessThanOrEqualTo(bound.Total), bound.ToString());
    }

    /// <summary>
    /// The longest the run with faults may take: the baseline; a whole timeout per hung request; the
    /// <c>Retry-After</c> of every short rate limit; the longest backoff (two base delays) after every other transient
    /// failure; the extra requests (retries, failovers, repairs) at the baseline's time per request; and a margin.
    /// </summary>
    private TimeBound Bound()
    {
        int Count(params ModelFault[] faults) => _chaos.Served.Count(s => faults.Contains(s.Fault));
        var perRequest = _baseline.Elapsed / Math.Max(1, _baseline.Served.Count);
        return new TimeBound(
            _baseline.Elapsed,
            Count(ModelFault.Hang) * TimeSpan.FromSeconds(ChaosModel.TimeoutSeconds),
            Count(ModelFault.RateLimited) * TimeSpan.FromSeconds(ChaosModel.ShortRetryAfterSeconds),
            Count(ModelFault.ServerError, ModelFault.Unavailable, ModelFault.Outage, ModelFault.Hang, ModelFault.Truncated) * 2 * ChaosModel.RetryBaseDelay,
            Math.Max(0, _chaos.Served.Count - _baseline.Served.Count) * perRequest,
            Margin);
    }

    private string Figures()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"baseline: exit {_baseline.ExitCode}, {_baseline.Elapsed.TotalSeconds:0.0} s, {_baseline.Served.Count} requests, {_baseline.Calls.Count} calls, {_baseline.Decisions.Count} decisions");
        text.AppendLine(CultureInfo.InvariantCulture, $"chaos: exit {_chaos.ExitCode}, {_chaos.Elapsed.TotalSeconds:0.0} s, {_chaos.Served.Count} requests ({_chaos.Served.Count(s => s.Fault != ModelFault.None)} faults, {_chaos.Served.Count(s => s.Answered)} answered), {_chaos.Calls.Count} calls, {_chaos.Decisions.Count} decisions");
        text.AppendLine("faults served: " + string.Join(", ", _chaos.Served.GroupBy(s => s.Fault).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        text.AppendLine("agent answers by source: " + string.Join(", ", AgentRows(_chaos).GroupBy(a => a.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        text.AppendLine("abstentions by agent: " + string.Join(", ", AgentRows(_chaos).Where(a => a.Action == Abstained).GroupBy(a => a.AgentName).Select(g => $"{g.Key} {g.Count()}")));
        text.AppendLine("call failures by kind: " + string.Join(", ", _chaos.Calls.SelectMany(c => c.Failures?.Split(';') ?? []).GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        foreach (var provider in new[] { Primary, Backup })
        {
            var (opens, closes) = CircuitEpisodes(provider);
            text.AppendLine(CultureInfo.InvariantCulture, $"{provider}: circuit seen open {opens} times, closed again {closes} times");
        }

        text.AppendLine($"llm: {_chaos.Summary?["llm"]?.ToJsonString()}");
        text.Append(Bound().ToString());
        return text.ToString();
    }

    /// <summary>
    /// How often the call log shows <paramref name="provider"/>'s circuit open (a run of calls that skipped it) and
    /// closed again (the provider answering after such a run).
    /// </summary>
    private (int Opens, int Closes) CircuitEpisodes(string provider)
    {
        var (opens, closes, open) = (0, 0, false);
        foreach (var call in _chaos.Calls)
        {
            if (call.Failures?.Split(';').Contains($"{provider}=CircuitOpen") == true)
            {
                opens += open ? 0 : 1;
                open = true;
            }
            else if (call.Source == $"llm:{provider}" && open)
            {
                closes++;
                open = false;
            }
        }

        return (opens, closes);
    }

    private const string Abstained = "ABSTAIN";

    private static List<AgentDecisionRecord> AgentRows(ChaosBacktest run) => [.. run.Decisions.SelectMany(d => d.Agents)];

    [GeneratedRegex("^(llm:(primary/chaos-primary|backup/chaos-backup)|cache|replay|rules|hold|budget)$")]
    private static partial Regex KnownSource();
}
