namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>How agents reach models (configuration section <c>Llm</c>, beside <c>Llm:Providers</c>).</summary>
public sealed class ModelPipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Llm";

    /// <summary><c>Live</c>, <c>Record</c> or <c>Replay</c>.</summary>
    public LlmMode Mode { get; set; } = LlmMode.Live;

    /// <summary>The answer cache.</summary>
    public LlmCacheOptions Cache { get; set; } = new();

    /// <summary>Retries and circuit breakers.</summary>
    public LlmResilienceOptions Resilience { get; set; } = new();

    /// <summary>The most model calls may cost; unlimited unless set.</summary>
    public LlmBudgetOptions Budget { get; set; } = new();
}
