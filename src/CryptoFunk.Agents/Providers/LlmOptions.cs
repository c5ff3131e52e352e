namespace CryptoFunk.Agents.Providers;

/// <summary>
/// The <c>Llm</c> configuration section: the LLM providers the agents may use, in failover order. An empty list is
/// valid: the agents then answer from the deterministic rules engine.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Llm";

    /// <summary>The configured providers (<c>Llm:Providers:0</c>, <c>Llm:Providers:1</c>, ...), first preferred.</summary>
    public List<LlmProviderOptions> Providers { get; init; } = [];

    /// <summary>Lists the providers by id only, so the options can be logged without their secrets.</summary>
    public override string ToString() =>
        $"Llm {{ Providers = [{string.Join(", ", Providers.Select(p => p.DisplayId))}] }}";
}
