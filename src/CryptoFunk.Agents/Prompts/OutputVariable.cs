namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// What the model is expected to return (SK's <c>OutputVariable</c>); the agent layer validates answers against
/// <see cref="JsonSchema"/> even when the provider cannot enforce a response format.
/// </summary>
public sealed record OutputVariable
{
    /// <summary>What the output means.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The output's JSON schema, as JSON text (SK keeps it as a string).</summary>
    public string? JsonSchema { get; init; }
}
