using System.Diagnostics;
using System.Diagnostics.Metrics;
using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// CryptoFunk's own <see cref="ActivitySource"/> and <see cref="Meter"/>, named after the OpenTelemetry GenAI
/// conventions (spans <c>invoke_agent {name}</c>, <c>chat {model}</c>, <c>execute_tool {name}</c>; metrics
/// <c>gen_ai.client.*</c>) plus the design document's <c>llm_costs_total_usd</c>, <c>llm_latency_seconds</c> and
/// <c>llm_cache_hits_total</c>. Listeners (OTLP export, the local span store) subscribe by <see cref="SourceName"/>.
/// </summary>
public static class AgentTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string SourceName = "CryptoFunk.Agents";

    /// <summary>The activity source for agent, chat and tool spans.</summary>
    public static ActivitySource Source { get; } = new(SourceName, "1.0");

    private static readonly Meter Meter = new(SourceName, "1.0");

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of GenAI client operations.");

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per GenAI client operation.");

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
    public static void RecordResponse(Activity? activity, AgentResponse response)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(GenAiAttributes.ResponseSource, response.Source.Value);
        activity.SetTag(GenAiAttributes.Degraded, response.Degraded);
        activity.SetTag(GenAiAttributes.PromptVersion, response.PromptVersion);
        activity.SetTag(GenAiAttributes.CostUsd, (double)response.CostUsd);
        SetUsage(activity, response.Usage);
        if (response.AbstainReason is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, response.AbstainReason);
        }
    }

    /// <summary>Starts <c>chat {model}</c> for one provider request.</summary>
    public static Activity? StartChat(string provider, string model, ChatOptions? options)
    {
        var activity = Source.StartActivity($"chat {model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, "chat");
            activity.SetTag(GenAiAttributes.ProviderName, provider);
            activity.SetTag(GenAiAttributes.RequestModel, model);
            activity.SetTag(GenAiAttributes.RequestTemperature, options?.Temperature);
            activity.SetTag(GenAiAttributes.RequestMaxTokens, options?.MaxOutputTokens);
        }

        return activity;
    }

    /// <summary>Completes a <c>chat</c> span and records the metrics of the call.</summary>
    public static void RecordChat(Activity? activity, string provider, string model, ChatResponse? response, decimal costUsd, TimeSpan duration, Exception? error)
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, "chat" },
            { GenAiAttributes.ProviderName, provider },
            { GenAiAttributes.RequestModel, model },
        };
        if (error is not null)
        {
            tags.Add(GenAiAttributes.ErrorType, error.GetType().Name);
        }

        OperationDuration.Record(duration.TotalSeconds, tags);
        Latency.Record(duration.TotalSeconds, new TagList { { "provider", provider }, { "model", model } });
        if (response?.Usage is { } usage)
        {
            if (usage.InputTokenCount is { } input)
            {
                TokenUsage.Record(input, Append(tags, GenAiAttributes.TokenType, "input"));
            }

            if (usage.OutputTokenCount is { } output)
            {
                TokenUsage.Record(output, Append(tags, GenAiAttributes.TokenType, "output"));
            }
        }

        if (costUsd > 0)
        {
            CostsTotal.Add((double)costUsd, new TagList { { "provider", provider }, { "model", model } });
        }

        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        if (response is not null)
        {
            activity.SetTag(GenAiAttributes.ResponseModel, response.ModelId);
            activity.SetTag(GenAiAttributes.ResponseId, response.ResponseId);
            activity.SetTag(GenAiAttributes.ResponseFinishReasons, response.FinishReason?.Value);
            activity.SetTag(GenAiAttributes.CostUsd, (double)costUsd);
            SetUsage(activity, response.Usage);
        }

        if (error is not null)
        {
            activity.SetTag(GenAiAttributes.ErrorType, error.GetType().Name);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }

    /// <summary>Counts an answer served from the cache.</summary>
    public static void RecordCacheHit(string agentName, string tier) =>
        CacheHits.Add(1, new TagList { { "agent", agentName }, { "tier", tier } });

    /// <summary>Starts <c>execute_tool {name}</c>.</summary>
    public static Activity? StartExecuteTool(string toolName, string? description, string callId)
    {
        var activity = Source.StartActivity($"execute_tool {toolName}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, "execute_tool");
            activity.SetTag(GenAiAttributes.ToolName, toolName);
            activity.SetTag(GenAiAttributes.ToolDescription, description);
            activity.SetTag(GenAiAttributes.ToolCallId, callId);
            activity.SetTag(GenAiAttributes.ToolType, "function");
        }

        return activity;
    }

    private static void SetUsage(Activity activity, UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        activity.SetTag(GenAiAttributes.UsageInputTokens, usage.InputTokenCount);
        activity.SetTag(GenAiAttributes.UsageOutputTokens, usage.OutputTokenCount);
    }

    private static TagList Append(TagList tags, string key, object value)
    {
        var copy = tags;
        copy.Add(key, value);
        return copy;
    }
}
