using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// One provider's resilience: retries with exponential backoff that honour <c>Retry-After</c>, a circuit breaker
/// that makes a dead provider be skipped at once, and a timeout per attempt. Kept for the life of the pipeline so the
/// circuit remembers failures across calls. The SDKs' own retries are off; every request sent is counted on the
/// call. An open circuit sends nothing and throws <see cref="BrokenCircuitException"/>.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline<ChatResponse> _pipeline;
    private readonly string _providerId;
    private readonly TimeSpan _timeout;

    /// <summary>Guards <paramref name="innerClient"/>, the client of the provider configured by <paramref name="provider"/>.</summary>
    public ResilientChatClient(IChatClient innerClient, LlmProviderOptions provider, LlmResilienceOptions options, TimeProvider timeProvider)
        : base(innerClient)
    {
        _providerId = provider.DisplayId;
        _timeout = provider.Timeout;
        bool IsTransient(Outcome<ChatResponse> outcome) => outcome.Exception switch
        {
            LlmProviderException { RetryAfter: { } wait } when wait > options.MaxRetryAfter => false,
            LlmProviderException e => e.IsTransient,
            TimeoutRejectedException => true,
            _ => false,
        };

        var builder = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = timeProvider };
        if (provider.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                MaxRetryAttempts = provider.MaxRetries,
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
            .AddTimeout(provider.Timeout)
            .Build();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    ModelCall.Of(state.options)?.CountAttempt();
                    return await state.Inner.GetResponseAsync(state.messages, state.options, ct);
                },
                (Inner: InnerClient, messages, options),
                cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new LlmProviderException(_providerId, LlmFailureKind.Timeout, $"no answer within {_timeout.TotalSeconds:0.###} s", innerException: e);
        }
    }
}
