using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// CryptoFunk's own <see cref="ActivitySource"/> and <see cref="Meter"/>: the <c>invoke_agent</c> spans of decisions
/// and agents (OpenTelemetry GenAI conventions) and the design document's <c>llm_costs_total_usd</c>,
/// <c>llm_latency_seconds</c> and <c>llm_cache_hits_total</c>. The <c>chat</c> and <c>execute_tool</c> spans and the
/// <c>gen_ai.client.*</c> metrics come from Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> under
/// <see cref="ModelSourceName"/>; this class only adds what a trader asks of them (source, provider, cost).
/// </summary>
public static class AgentTelemetry
{
    /// <summary>Name of our activity source and meter.</summary>
    public const string SourceName = "CryptoFunk.Agents";

    /// <summary>The activity source and meter of the model pipeline's <c>UseOpenTelemetry()</c> (Microsoft.Extensions.AI's default name).</summary>
    public const string ModelSourceName = "Experimental.Microsoft.Extensions.AI";

    /// <summary>The activity source for decision and agent spans.</summary>
    public static ActivitySource Source { get; } = new(SourceName, "1.0");

    private static readonly Meter Meter = new(SourceName, "1.0");

    private static readonly Counter<double> CostsTotal = Meter.CreateCounter<double>(
        "llm_costs_total_usd", "USD", "Total LLM API costs in US dollars.");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "llm_latency_seconds", "s", "LLM API latency.");

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "llm_cache_hits_total", "{hit}", "Answers served from the cache instead of a provider.");

    /// <summary>
    /// Starts <c>invoke_agent trading_decision</c>, the root of one decision's trace: every agent's span of the group
    /// chat nests under it, so <c>cryptofunk traces</c> shows one trace per decision.
    /// </summary>
    public static Activity? StartDecision(string symbol, string decisionTime)
    {
        var activity = Source.StartActivity("invoke_agent trading_decision", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, "invoke_agent");
            activity.SetTag(GenAiAttributes.AgentName, "trading_decision");
            activity.SetTag(GenAiAttributes.Symbol, symbol);
            activity.SetTag(GenAiAttributes.DecisionTime, decisionTime);
            activity.SetTag(GenAiAttributes.RunId, DecisionScope.Current?.Run);
        }

        return activity;
    }

    /// <summary>Adds the group's decision to its span.</summary>
    public static void RecordDecision(Activity? activity, string action, string reason, bool degraded)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(GenAiAttributes.Action, action);
        activity.SetTag(GenAiAttributes.Reason, reason);
        activity.SetTag(GenAiAttributes.Degraded, degraded);
    }

    /// <summary>Starts <c>invoke_agent {name}</c>.</summary>
    public static Activity? StartInvokeAgent(string agentName, string? description)
    {
        var activity = Source.StartActivity($"invoke_agent {agentName}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, "invoke_agent");
            activity.SetTag(GenAiAttributes.AgentName, agentName);
            activity.SetTag(GenAiAttributes.AgentDescription, description);
        }

        return activity;
    }

    /// <summary>Adds an agent's outcome to its <c>invoke_agent</c> span.</summary>
    public static void RecordAnswer(Activity? activity, string source, bool degraded, string? promptVersion, decimal costUsd, UsageDetails? usage, string? abstainReason)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(GenAiAttributes.ResponseSource, source);
        activity.SetTag(GenAiAttributes.Degraded, degraded);
        activity.SetTag(GenAiAttributes.PromptVersion, promptVersion);
        activity.SetTag(GenAiAttributes.CostUsd, (double)costUsd);
        if (usage is not null)
        {
            activity.SetTag(GenAiAttributes.UsageInputTokens, usage.InputTokenCount);
            activity.SetTag(GenAiAttributes.UsageOutputTokens, usage.OutputTokenCount);
        }

        if (abstainReason is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, abstainReason);
        }
    }

    /// <summary>
    /// Adds how a model call was served to its <c>chat</c> span (the current activity inside the pipeline's
    /// <c>UseOpenTelemetry()</c>): the source, the provider that answered, its cost and whether it was a fallback.
    /// </summary>
    public static void RecordModelCall(string source, string? provider, decimal costUsd, bool degraded)
    {
        if (Activity.Current is not { IsAllDataRequested: true } chat || chat.Source.Name != ModelSourceName)
        {
            return;
        }

        chat.SetTag(GenAiAttributes.ResponseSource, source);
        chat.SetTag(GenAiAttributes.Provider, provider);
        chat.SetTag(GenAiAttributes.CostUsd, (double)costUsd);
        if (degraded)
        {
            chat.SetTag(GenAiAttributes.Degraded, true);
        }
    }

    /// <summary>Records one provider's answer (or failure) for an agent: its latency and, when it answered, its cost.</summary>
    public static void RecordProviderCall(string provider, string model, string agent, decimal costUsd, TimeSpan duration)
    {
        Latency.Record(duration.TotalSeconds, new TagList { { "provider", provider }, { "model", model } });
        if (costUsd > 0)
        {
            CostsTotal.Add((double)costUsd, new TagList { { "provider", provider }, { "model", model }, { "agent", agent } });
        }
    }

    /// <summary>Counts an answer served from the cache.</summary>
    public static void RecordCacheHit(string agentName, string tier) =>
        CacheHits.Add(1, new TagList { { "agent", agentName }, { "tier", tier } });
}
