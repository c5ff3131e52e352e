using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CryptoFunk.Agents.Gateway;

/// <summary>
/// One provider's resilience: retries with exponential backoff that honour <c>Retry-After</c>, a circuit breaker
/// that makes a dead provider be skipped at once, and a timeout per attempt. Kept for the life of the gateway so the
/// circuit remembers failures across calls.
/// </summary>
public sealed class ProviderPipeline
{
    private readonly ResiliencePipeline<ChatResponse> _pipeline;

    /// <summary>Builds the pipeline for <paramref name="provider"/>.</summary>
    public ProviderPipeline(LlmProvider provider, LlmResilienceOptions options, TimeProvider timeProvider)
    {
        Provider = provider;
        bool IsTransient(Outcome<ChatResponse> outcome) => outcome.Exception switch
        {
            LlmProviderException { RetryAfter: { } wait } when wait > options.MaxRetryAfter => false,
            LlmProviderException e => e.IsTransient,
            TimeoutRejectedException => true,
            _ => false,
        };

        var builder = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = timeProvider };
        if (provider.Options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                MaxRetryAttempts = provider.Options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is LlmProviderException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            });
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatResponse>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = Math.Max(2, options.CircuitBreakerMinimumThroughput),
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(provider.Options.Timeout)
            .Build();
    }

    /// <summary>The provider this pipeline guards.</summary>
    public LlmProvider Provider { get; }

    /// <summary>
    /// Calls the provider through the pipeline. <paramref name="attempts"/> counts the requests actually sent, also
    /// when the call fails in the end; an open circuit sends none and throws <see cref="BrokenCircuitException"/>.
    /// </summary>
    public async Task<ChatResponse> ExecuteAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, StrongBox<int> attempts, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    state.attempts.Value++;
                    return await state.Provider.ChatClient.GetResponseAsync(state.messages, state.options, ct);
                },
                (Provider, messages, options, attempts),
                cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new LlmProviderException(Provider.Id, LlmFailureKind.Timeout, $"no answer within {Provider.Options.Timeout.TotalSeconds:0.###} s", innerException: e);
        }
    }
}
