using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;

namespace CryptoFunk.Engine;

/// <summary>
/// What every trading run (backtest or paper) settles before its first decision: how agents answer, who takes part,
/// and what was left out and why.
/// </summary>
/// <param name="Mode"><c>rules</c> when no model is configured, else the model mode (live, record, replay).</param>
/// <param name="RulesOnly">True when the agents are the rules engine itself: no prompt is rendered and no cache asked.</param>
/// <param name="Participants">The agents of each decision.</param>
/// <param name="Unavailable">Agents left out because the data cannot serve them.</param>
/// <param name="AnalysisAgents">The analysis agents taking part.</param>
/// <param name="Notes">What was left out and why, for the summary.</param>
/// <param name="TrainingCutoffs">Each answering model's configured training cutoff by provider id; empty on the rules engine.</param>
public sealed record TradingRunSetup(
    string Mode,
    bool RulesOnly,
    DecisionParticipants Participants,
    IReadOnlyList<string> Unavailable,
    IReadOnlyList<string> AnalysisAgents,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string> TrainingCutoffs)
{
    /// <summary>The setup for data with or without <paramref name="orderBooks"/>.</summary>
    public static TradingRunSetup Of(TradingDecisionMaker maker, LlmProviderRegistry providers, ModelPipelineOptions pipeline, bool orderBooks)
    {
        var rulesOnly = providers.Providers.Count == 0 && pipeline.Mode == LlmMode.Live;
        var unavailable = orderBooks ? [] : maker.Options.OrderBookAgents.Where(maker.Options.AnalysisAgents.Contains).ToList();
        List<string> notes = unavailable.Count > 0 ? [$"{string.Join(", ", unavailable)} left out: candle data has no order book"] : [];
        return new TradingRunSetup(
            rulesOnly ? "rules" : pipeline.Mode.ToString().ToLowerInvariant(),
            rulesOnly,
            maker.CreateParticipants(unavailable, rulesOnly),
            unavailable,
            [.. maker.Options.AnalysisAgents.Except(unavailable)],
            notes,
            rulesOnly ? new Dictionary<string, string>() : TrainingCutoffWarnings.Configured(providers));
    }

    /// <summary>A new run id: the kind's prefix, the start in Unix milliseconds and a random part, 32 characters.</summary>
    public static string NewRunId(string prefix, TimeProvider time) =>
        $"{prefix}-{time.GetUtcNow().ToUnixTimeMilliseconds()}-{Guid.NewGuid():N}"[..32];
}
