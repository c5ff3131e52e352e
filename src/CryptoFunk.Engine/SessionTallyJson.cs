using System.Text.Json;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.StructuredOutput;

namespace CryptoFunk.Engine;

/// <summary>The <c>decisions</c> and <c>llm</c> sections every run summary writes the same way (backtest and paper).</summary>
public static class SessionTallyJson
{
    /// <summary>
    /// Writes the decisions by action and source, and the model calls, tokens and cost, of <paramref name="tally"/>,
    /// with the model budget's limits and the answer-cache operations skipped because the cache could not be reached
    /// (<c>cache_unavailable</c>).
    /// </summary>
    public static void Write(Utf8JsonWriter json, SessionTally tally, ModelBudgetStatus budget, long cacheUnavailable)
    {
        json.WriteStartObject("decisions");
        json.WriteNumber("total", tally.Decisions);
        json.WriteNumber("degraded", tally.DegradedDecisions);
        Counts(json, "by_action", tally.DecisionsByAction);
        Counts(json, "agent_decisions_by_source", tally.AgentDecisionsBySource);
        Counts(json, "refusals_by_reason", tally.RefusalsByReason);
        Counts(json, "clamps_by_limit", tally.ClampsByLimit);
        json.WriteEndObject();

        var calls = tally.ModelCalls;
        json.WriteStartObject("llm");
        json.WriteNumber("calls", calls.Live);
        json.WriteNumber("cache_hits", calls.Cached);
        json.WriteNumber("replayed", calls.Replayed);
        json.WriteNumberOrNull("cache_hit_rate", CacheHitRate(calls));
        json.WriteNumber("input_tokens", tally.InputTokens);
        json.WriteNumber("output_tokens", tally.OutputTokens);
        json.WriteDecimal("cost_usd", tally.CostUsd);
        json.WriteNumber("refused_by_budget", calls.Refused);
        json.WriteNumber("cache_unavailable", cacheUnavailable);
        json.WriteStartObject("budget");
        json.WriteNumberOrNull("max_usd_per_run", budget.MaxUsdPerRun);
        json.WriteNumberOrNull("max_usd_per_day", budget.MaxUsdPerDay);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Cache hits over all calls a provider or the cache answered; null when there were none.</summary>
    public static double? CacheHitRate(ModelCallCounts calls) =>
        calls.Live + calls.Cached == 0 ? null : (double)calls.Cached / (calls.Live + calls.Cached);

    private static void Counts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }
}
