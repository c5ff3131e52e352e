using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The design document's rule for one trading agent, always with confidence 0.3, and the helpers its rules share.
/// </summary>
public abstract class TradingRule : AgentRule
{
    /// <summary>The confidence of every rules answer, as in the design document.</summary>
    public const double Confidence = 0.3;

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
