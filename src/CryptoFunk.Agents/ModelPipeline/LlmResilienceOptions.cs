namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>Retries and circuit breaking per provider (configuration section <c>Llm:Resilience</c>).</summary>
public sealed class LlmResilienceOptions
{
    /// <summary>First retry delay; doubles with each retry unless the provider sent <c>Retry-After</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> worth waiting for; a longer one moves on to the next provider.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failures in the sampling window that open a provider's circuit (at least 2).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 3;

    /// <summary>Share of failed attempts in the window that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The window over which failures are counted.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit skips the provider before one trial call.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
