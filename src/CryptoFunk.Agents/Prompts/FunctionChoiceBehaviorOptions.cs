namespace CryptoFunk.Agents.Prompts;

/// <summary>SK's <c>FunctionChoiceBehaviorOptions</c>: how the model's function calls are made.</summary>
public sealed record FunctionChoiceBehaviorOptions
{
    /// <summary>Whether the model may ask for several calls in one answer (null: the provider's default).</summary>
    public bool? AllowParallelCalls { get; init; }

    /// <summary>Whether several requested calls may run concurrently.</summary>
    public bool? AllowConcurrentInvocation { get; init; }

    /// <summary>Whether the model should follow function schemas strictly.</summary>
    public bool? AllowStrictSchemaAdherence { get; init; }
}
