namespace CryptoFunk.Agents.Agents;

/// <summary>
/// A deterministic answer for one agent: what a <see cref="RulesAgent"/> answers with, and what a
/// <see cref="ChatCompletionAgent"/> falls back to when no model answers. It never invents data: when the situation
/// lacks what the rule reads, it gives no answer and the agent holds.
/// </summary>
public abstract class AgentRule
{
    /// <summary>The agent (and prompt) this rule answers for.</summary>
    public abstract string AgentName { get; }

    /// <summary>The answer for <paramref name="situation"/>, or null when the rule cannot read it.</summary>
    public AgentAnswer? Answer(DecisionSituation situation) => CanAnswer(situation) ? AnswerCore(situation) : null;

    /// <summary>Whether the situation holds what the rule reads; by default, indicators past their warm-up.</summary>
    protected virtual bool CanAnswer(DecisionSituation situation) => !double.IsNaN(situation.Snapshot.Indicators.Rsi14);

    /// <summary>The rule itself, for a situation it can read.</summary>
    protected abstract AgentAnswer AnswerCore(DecisionSituation situation);
}
