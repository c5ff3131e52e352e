using System.Diagnostics;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The configured providers in order (the design document's layer 1), each behind its <see cref="ResilientChatClient"/>:
/// the first that answers wins, and its cost is computed from its prices. A provider that fails for good (after its
/// retries, or with an open circuit) passes the call to the next; when none answers, or none is configured,
/// <see cref="LlmUnavailableException"/> lists why, so the layers above can fall back. Each provider is guarded by
/// the <see cref="ModelBudget"/> (<see cref="BudgetChatClient"/>); a call it refuses is not passed on. A provider with
/// a rate limit is paced in between (<see cref="RateLimitedChatClient"/>). When every
/// provider failed it raises an urgent alert naming the providers and how each failed, never their error text.
/// </summary>
public sealed partial class FailoverChatClient : IChatClient
{
    private readonly IReadOnlyList<(LlmProvider Provider, IChatClient Client)> _providers;
    private readonly ChatClientMetadata _metadata;
    private readonly IAlertSink _alerts;
    private readonly ILogger<FailoverChatClient> _logger;

    /// <summary>Puts every provider of <paramref name="providers"/> behind its resilience, its rate limit and <paramref name="budget"/>.</summary>
    public FailoverChatClient(
        LlmProviderRegistry providers,
        LlmResilienceOptions resilience,
        ModelBudget budget,
        IProviderRateLimiter limiter,
        TimeProvider time,
        IAlertSink alerts,
        ILogger<FailoverChatClient> logger)
    {
        _alerts = alerts;
        _providers = [.. providers.Providers.Select(p => (p, (IChatClient)new BudgetChatClient(Paced(new ResilientChatClient(p.ChatClient, p.Options, resilience, time), p, limiter, time), p, budget)))];
        _metadata = _providers.Count > 0 ? _providers[0].Provider.ChatClient.GetService<ChatClientMetadata>() ?? new ChatClientMetadata() : new ChatClientMetadata("none");
        _logger = logger;
    }

    private static IChatClient Paced(IChatClient client, LlmProvider provider, IProviderRateLimiter limiter, TimeProvider time) =>
        provider.Options.RequestsPerMinute is { } perMinute ? new RateLimitedChatClient(client, limiter, provider, perMinute, time) : client;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_providers.Count == 0)
        {
            const string reason = "no LLM provider is configured (set Llm:Providers:0:Type, Model and ApiKey)";
            throw new LlmUnavailableException($"no LLM answered: {reason}", [reason], noProviderConfigured: true);
        }

        var call = ModelCall.Of(options);
        var agent = AgentCallContext.Of(options);
        var failures = new List<string>();
        var down = new List<string>();
        foreach (var (provider, client) in _providers)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await client.GetResponseAsync(messages, OptionsFor(provider, agent, options), cancellationToken);
                var cost = provider.CostOf(response.Usage);
                AgentTelemetry.RecordProviderCall(provider.Id, provider.Options.Model, agent?.Agent ?? string.Empty, cost, Stopwatch.GetElapsedTime(started));
                if (call is not null)
                {
                    call.Source = ResponseSource.Llm(provider.Id);
                    call.Provider = provider.Id;
                    call.CostUsd = cost;
                }

                return response;
            }
            catch (Exception e) when (e is LlmProviderException or BrokenCircuitException && !cancellationToken.IsCancellationRequested)
            {
                AgentTelemetry.RecordProviderCall(provider.Id, provider.Options.Model, agent?.Agent ?? string.Empty, 0m, Stopwatch.GetElapsedTime(started));
                var reason = e is BrokenCircuitException ? $"{provider.Id}: circuit open after repeated failures, skipped" : e.Message;
                LogProviderFailed(_logger, agent?.Agent ?? string.Empty, reason);
                failures.Add(reason);
                down.Add(e is LlmProviderException failure ? Describe(failure) : $"{provider.Id} circuit open");
                call?.Failovers.Add(reason);
                call?.FailureKinds.Add($"{provider.Id}={(e is LlmProviderException kind ? kind.Kind.ToString() : "CircuitOpen")}");
            }
        }

        if (_alerts.IsEnabled)
        {
            _alerts.Raise(new Alert(AlertKinds.ProvidersDown, AlertSeverity.Urgent, $"every model provider is down ({string.Join(", ", down)}); agents answer from their rules or hold"));
        }

        throw new LlmUnavailableException($"no LLM answered: {string.Join("; ", failures)}", failures);
    }

    /// <summary>Streaming is not used by agents; the whole answer is given as updates.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>
    /// The first provider's metadata, so the <c>chat</c> span above names a provider and model; the provider that
    /// actually answered is on the span as <c>cryptofunk.provider</c>.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null :
        serviceType == typeof(ChatClientMetadata) ? _metadata :
        serviceType.IsInstanceOfType(this) ? this :
        null;

    /// <summary>The providers belong to their registry.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// The prompt's settings for this provider (by its name, else its type) when it has some, else the call's; the
    /// model is the one those settings name, else the provider's. Tools and pipeline properties always come from the
    /// call.
    /// </summary>
    private static ChatOptions OptionsFor(LlmProvider provider, AgentCallContext? agent, ChatOptions? options)
    {
        var service = agent is null ? null
            : agent.OptionsByService.GetValueOrDefault(provider.Options.Name ?? string.Empty) ?? agent.OptionsByService.GetValueOrDefault(provider.Options.Type);
        var chosen = (service ?? options)?.Clone() ?? new ChatOptions();
        if (service is not null && options is not null)
        {
            chosen.Tools = options.Tools;
            chosen.ToolMode = options.ToolMode;
            foreach (var (key, value) in options.AdditionalProperties ?? [])
            {
                (chosen.AdditionalProperties ??= [])[key] = value;
            }
        }

        chosen.ModelId = service?.ModelId ?? provider.Options.Model;
        return chosen;
    }

    /// <summary>A provider's failure from its id, kind and status only: the provider's own words may quote a URL or a key.</summary>
    private static string Describe(LlmProviderException failure) =>
        failure.StatusCode is { } status ? $"{failure.ProviderId} {failure.Kind} HTTP {status}" : $"{failure.ProviderId} {failure.Kind}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call for {Agent} failed over: {Reason}")]
    private static partial void LogProviderFailed(ILogger logger, string agent, string reason);
}
