using System.Diagnostics;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Records every model call an agent makes (served by a provider, the cache or a recording, or failed) in the call log
/// with its source, tokens, cost and latency, on the call's <c>chat</c> span, and on the agent's
/// <see cref="AgentCallContext"/>, so the run's summary adds up to exactly what the call log holds. It starts the
/// call's <see cref="ModelCall"/> with the request's key for the layers below.
/// </summary>
public sealed class CallLogChatClient(IChatClient innerClient, ILlmCallLog callLog, IReadOnlyList<string> providerChain, TimeProvider time)
    : PipelineChatClient(innerClient)
{
    /// <inheritdoc />
    protected override async Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var agent = AgentCallContext.Of(options);
        var call = new ModelCall { CacheKey = LlmCacheKey.Compute(agent, messages, options, providerChain) };
        var callOptions = options?.Clone() ?? new ChatOptions();
        (callOptions.AdditionalProperties ??= [])[ModelCall.PropertyName] = call;
        try
        {
            var response = await InnerClient.GetResponseAsync(messages, callOptions, cancellationToken);
            call.Answer(response);
            await RecordAsync(agent, call, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (LlmUnavailableException e)
        {
            call.Error = e.Message;
            await RecordAsync(agent, call, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private ValueTask RecordAsync(AgentCallContext? agent, ModelCall call, TimeSpan latency)
    {
        agent?.Add(call);
        AgentTelemetry.RecordModelCall(call.Source.Value, call.Provider, call.CostUsd, call.Degraded);
        var record = new LlmCallRecord
        {
            CreatedAt = time.GetUtcNow(),
            DecisionTime = agent?.MarketState?.DecisionTime,
            Agent = agent?.Agent ?? string.Empty,
            PromptName = agent?.PromptName,
            PromptVersion = agent?.PromptVersion,
            Source = call.Source.Value,
            Provider = call.Provider,
            Model = call.Model,
            CacheKey = call.CacheKey,
            InputTokens = call.InputTokens,
            OutputTokens = call.OutputTokens,
            CostUsd = call.CostUsd,
            LatencyMs = latency.TotalMilliseconds,
            Attempts = call.Attempts,
            Error = call.Error,
            RunId = DecisionScope.Current?.Run,
            Failures = call.FailureKinds.Count == 0 ? null : string.Join(';', call.FailureKinds),
        };

        // Not the caller's token: a call that was billed is logged even when the caller has stopped waiting.
        return callLog.AddAsync(record, CancellationToken.None);
    }
}
