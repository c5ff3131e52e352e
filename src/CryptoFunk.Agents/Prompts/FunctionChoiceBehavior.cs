namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// SK's <c>function_choice_behavior</c>: <c>auto</c> (the model decides), <c>required</c> (it must call one) or
/// <c>none</c> (functions are described but not called), optionally limited to <see cref="Functions"/>.
/// </summary>
public sealed record FunctionChoiceBehavior
{
    /// <summary>The model decides whether to call functions.</summary>
    public const string Auto = "auto";

    /// <summary>The model must call at least one function.</summary>
    public const string Required = "required";

    /// <summary>The model must not call functions.</summary>
    public const string None = "none";

    /// <summary>One of <see cref="Auto"/>, <see cref="Required"/>, <see cref="None"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Fully qualified function names (<c>Plugin.Function</c>); null means every function the agent has.</summary>
    public IReadOnlyList<string>? Functions { get; init; }

    /// <summary>How calls are made.</summary>
    public FunctionChoiceBehaviorOptions? Options { get; init; }

    /// <summary>Value equality, including the function list.</summary>
    public bool Equals(FunctionChoiceBehavior? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (string.Equals(Type, other.Type, StringComparison.Ordinal) &&
          (Functions is null ? other.Functions is null : other.Functions is not null && Functions.SequenceEqual(other.Functions, StringComparer.Ordinal)) &&
          Equals(Options, other.Options)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Functions?.Count, Options);
}
