using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Orchestration;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The design document's rule for one agent: a deterministic answer in that agent's output schema, always with
/// confidence 0.3. It never invents data: when the situation lacks what the rule reads, it gives no answer and the
/// agent holds.
/// </summary>
public abstract class TradingRule
{
    /// <summary>The confidence of every rules answer, as in the design document.</summary>
    public const double Confidence = 0.3;

    /// <summary>The agent (and prompt) this rule answers for.</summary>
    public abstract string AgentName { get; }

    /// <summary>The answer for <paramref name="situation"/>, or null when the rule cannot read it.</summary>
    public AgentAnswer? Answer(DecisionSituation situation) => CanAnswer(situation) ? AnswerCore(situation) : null;

    /// <summary>Whether the situation holds what the rule reads; by default, indicators past their warm-up.</summary>
    protected virtual bool CanAnswer(DecisionSituation situation) => !double.IsNaN(situation.Snapshot.Indicators.Rsi14);

    /// <summary>The rule itself, for a situation it can read.</summary>
    protected abstract AgentAnswer AnswerCore(DecisionSituation situation);

    /// <summary>The reasoning every rules answer gives, marked as the rules engine's.</summary>
    protected static string Reasoning(string reason) => $"Rules engine: {reason}.";

    /// <summary>A price as the answer states it: at most eight decimals.</summary>
    protected static decimal? Price(decimal? value) => value is { } v ? Math.Round(v, 8) : null;

    /// <summary>An analysis agent's vote.</summary>
    protected AnalysisSignal Signal(TradeAction signal, string reason, string riskLevel, IReadOnlyList<string> factors) =>
        new(AgentName, signal, Confidence, Reasoning(reason), factors, riskLevel);

    /// <summary>A strategy agent's proposal.</summary>
    protected StrategyProposal Proposal(TradeAction action, string reason, decimal? entry = null, decimal? stop = null, decimal? target = null) =>
        new(AgentName, action, Confidence, Price(entry), Price(stop), Price(target), Reasoning(reason));
}
