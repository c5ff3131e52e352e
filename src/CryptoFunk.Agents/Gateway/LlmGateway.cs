using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.Functions;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CryptoFunk.Agents.Gateway;

/// <summary>
/// The one way agents reach models. In <see cref="LlmMode.Replay"/> it serves recordings and never calls a provider;
/// otherwise it serves exact cache hits (and, when configured, similar ones), then tries the providers in order, each
/// behind its <see cref="ProviderPipeline"/>, and stores what they answer. When every provider fails it offers an
/// exact or similar cached answer marked degraded, else throws <see cref="LlmUnavailableException"/> so the caller
/// falls back to rules, then HOLD. Every call is logged with its source, tokens, cost and latency.
/// </summary>
public sealed partial class LlmGateway
{
    private readonly List<ProviderPipeline> _pipelines;
    private readonly IReadOnlyList<string> _providerChain;
    private readonly ILlmCacheStore _store;
    private readonly ILlmCallLog _callLog;
    private readonly LlmGatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmGateway> _logger;

    /// <summary>Creates the gateway over the configured providers.</summary>
    public LlmGateway(
        LlmProviderRegistry providers,
        ILlmCacheStore store,
        ILlmCallLog callLog,
        IOptions<LlmGatewayOptions> options,
        TimeProvider time,
        ILogger<LlmGateway> logger)
    {
        _options = options.Value;
        _pipelines = providers.Providers.Select(p => new ProviderPipeline(p, _options.Resilience, time)).ToList();
        _providerChain = providers.Providers.Select(p => p.Id).ToList();
        _store = store;
        _callLog = callLog;
        _time = time;
        _logger = logger;
    }

    /// <summary>The mode in force.</summary>
    public LlmMode Mode => _options.Mode;

    /// <summary>True when at least one provider is configured (or replay needs none).</summary>
    public bool HasProviders => _pipelines.Count > 0;

    /// <summary>Answers <paramref name="request"/> as described on the class.</summary>
    public async Task<LlmResult> GetResponseAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var key = LlmCacheKey.Compute(request, _providerChain);

        if (_options.Mode == LlmMode.Replay)
        {
            var recorded = await _store.GetAsync(key, cancellationToken) ?? throw new LlmReplayMissException(request.Agent, request.PromptVersion, key);
            if (recorded.Response is null)
            {
                Log(request, key, ResponseSource.Replay, null, 0, started, recorded.Error);
                throw new LlmUnavailableException($"replayed failure: {recorded.Error}", [recorded.Error ?? "recorded failure"]);
            }

            return Served(request, key, recorded, ResponseSource.Replay, degraded: false, started);
        }

        if (_options.Mode == LlmMode.Live && _options.Cache.Enabled && await CachedAsync(request, key, similar: true, cancellationToken) is { } cached)
        {
            return Served(request, key, cached.Answer, ResponseSource.Cache, degraded: false, started);
        }

        var failures = new List<string>();
        var attempts = 0;
        foreach (var pipeline in _pipelines)
        {
            var provider = pipeline.Provider;
            var options = OptionsFor(request, provider);
            var sent = new StrongBox<int>();
            using var activity = AgentTelemetry.StartChat(provider.Options.Type, options.ModelId ?? provider.Options.Model, options);
            var callStarted = Stopwatch.GetTimestamp();
            try
            {
                var response = await pipeline.ExecuteAsync(request.Messages, options, sent, cancellationToken);
                var cost = provider.CostOf(response.Usage);
                ChatResponseCost.Set(response, cost);
                AgentTelemetry.RecordChat(activity, provider.Options.Type, provider.Options.Model, response, cost, Stopwatch.GetElapsedTime(callStarted), error: null);
                attempts += sent.Value;
                if (_options.Mode == LlmMode.Record || _options.Cache.Enabled)
                {
                    await _store.PutAsync(Answer(request, key, provider.Id, response, null, cost), cancellationToken);
                }

                var source = ResponseSource.Llm(provider.Id);
                Log(request, key, source, response, cost, started, error: null, provider, attempts);
                return new LlmResult { Response = response, Source = source, CacheKey = key, CostUsd = cost, Attempts = attempts, Failovers = failures };
            }
            catch (Exception e) when (e is LlmProviderException or BrokenCircuitException && !cancellationToken.IsCancellationRequested)
            {
                attempts += sent.Value;
                var reason = e is BrokenCircuitException ? $"{provider.Id}: circuit open after repeated failures, skipped" : e.Message;
                AgentTelemetry.RecordChat(activity, provider.Options.Type, provider.Options.Model, null, 0, Stopwatch.GetElapsedTime(callStarted), e);
                LogProviderFailed(_logger, request.Agent, reason);
                failures.Add(reason);
            }
        }

        if (_pipelines.Count == 0)
        {
            failures.Add("no LLM provider is configured (set Llm:Providers:0:Type, Model and ApiKey)");
        }

        var summary = string.Join("; ", failures);
        if (_options.Mode == LlmMode.Record)
        {
            await _store.PutAsync(Answer(request, key, "none", null, summary, 0), cancellationToken);
        }
        else if (await CachedAsync(request, key, similar: true, cancellationToken, fallback: true) is { } fallback)
        {
            return Served(request, key, fallback.Answer, ResponseSource.Cache, degraded: true, started) with { Failovers = failures, Attempts = attempts };
        }

        Log(request, key, ResponseSource.Hold, null, 0, started, summary, attempts: attempts);
        throw new LlmUnavailableException($"no LLM answered: {summary}", failures);
    }

    private async Task<(StoredAnswer Answer, bool Similar)?> CachedAsync(LlmRequest request, string key, bool similar, CancellationToken cancellationToken, bool fallback = false)
    {
        if (await _store.GetAsync(key, cancellationToken) is { Response: not null } exact)
        {
            AgentTelemetry.RecordCacheHit(request.Agent, fallback ? "exact-fallback" : "exact");
            return (exact, false);
        }

        if (similar && request.Context is { } context && _options.Cache.SimilarityThreshold is { } threshold
            && !_options.Cache.SimilarityExcludedAgents.Contains(request.Agent, StringComparer.OrdinalIgnoreCase)
            && await _store.FindSimilarAsync(request.Agent, context, threshold, cancellationToken) is { } near)
        {
            AgentTelemetry.RecordCacheHit(request.Agent, fallback ? "similar-fallback" : "similar");
            return (near, true);
        }

        return null;
    }

    private LlmResult Served(LlmRequest request, string key, StoredAnswer answer, ResponseSource source, bool degraded, long started)
    {
        var response = ChatResponseCost.WithCost(answer.Response!, 0m);
        Log(request, key, source, response, 0, started, error: null);
        return new LlmResult { Response = response, Source = source, Degraded = degraded, CacheKey = key };
    }

    private static ChatOptions OptionsFor(LlmRequest request, LlmProvider provider)
    {
        var serviceOptions = request.OptionsByService.GetValueOrDefault(provider.Options.Name ?? string.Empty)
            ?? request.OptionsByService.GetValueOrDefault(provider.Options.Type);
        var options = (serviceOptions ?? request.Options).Clone();
        options.ModelId = serviceOptions?.ModelId ?? provider.Options.Model;
        return options;
    }

    private StoredAnswer Answer(LlmRequest request, string key, string model, ChatResponse? response, string? error, decimal cost) => new()
    {
        Key = key,
        Agent = request.Agent,
        PromptVersion = request.PromptVersion,
        Model = model,
        Response = response,
        Error = error,
        Context = request.Context,
        CostUsd = cost,
        CreatedAt = _time.GetUtcNow(),
    };

    private void Log(LlmRequest request, string key, ResponseSource source, ChatResponse? response, decimal cost, long started, string? error, LlmProvider? provider = null, int attempts = 0) =>
        _callLog.Add(new LlmCallRecord
        {
            CreatedAt = _time.GetUtcNow(),
            DecisionTime = request.Context?.DecisionTime,
            Agent = request.Agent,
            PromptName = request.PromptName,
            PromptVersion = request.PromptVersion,
            Source = source.Value,
            Provider = provider?.Id,
            Model = response?.ModelId ?? provider?.Options.Model,
            CacheKey = key,
            InputTokens = response?.Usage?.InputTokenCount ?? 0,
            OutputTokens = response?.Usage?.OutputTokenCount ?? 0,
            CostUsd = cost,
            LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Attempts = attempts,
            Error = error,
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call for {Agent} failed over: {Reason}")]
    private static partial void LogProviderFailed(ILogger logger, string agent, string reason);
}
