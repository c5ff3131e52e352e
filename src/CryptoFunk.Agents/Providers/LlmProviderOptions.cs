using System.Globalization;
using System.Text.Json.Serialization;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// One entry of <c>Llm:Providers</c>. The key names are a contract with users' configuration files and
/// environment variables (<c>CRYPTOFUNK_Llm__Providers__0__Endpoint</c>), so they do not change.
/// </summary>
public sealed class LlmProviderOptions
{
    /// <summary>Output tokens asked for when neither the prompt nor the configuration says.</summary>
    public const int DefaultMaxOutputTokens = 2000;

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>anthropic</c>; see <see cref="LlmProviderTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Optional label used in the provider id instead of the type, e.g. <c>bifrost</c> or <c>gemini</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Base URL; empty means the vendor's public API. OpenAI-compatible URLs end before <c>/chat/completions</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The secret. Empty means <c>OPENAI_API_KEY</c> / <c>ANTHROPIC_API_KEY</c>. Never serialized or printed.
    /// </summary>
    [JsonIgnore]
    public string? ApiKey { get; set; }

    /// <summary>Model id sent with every request unless a prompt's execution settings name another.</summary>
    public string Model { get; set; } = "";

    /// <summary>
    /// How long one attempt may wait for the provider (and, when streaming, between two chunks); fractions are
    /// allowed, so a local model or a test can be cut within a second.
    /// </summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries our failover layer may make on a transient error; the SDKs' own retries are always off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Price of input (prompt) tokens in US dollars per million tokens.</summary>
    public decimal InputUsdPerMillionTokens { get; set; }

    /// <summary>Price of output (completion) tokens in US dollars per million tokens.</summary>
    public decimal OutputUsdPerMillionTokens { get; set; }

    /// <summary>
    /// Most requests a minute sent to this provider, spaced evenly; null (the default) sends without a limit. Kept for
    /// the whole process, and on a cluster for every silo together.
    /// </summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Cap on generated tokens when the request does not set one; always sent, as Anthropic requires it.</summary>
    public int MaxOutputTokens { get; set; } = DefaultMaxOutputTokens;

    /// <summary>
    /// The vendor's published training cutoff of <see cref="Model"/> (<c>2023-10</c> or <c>2023-10-31</c>); a
    /// backtest window starting before it may be judged on what the model remembers (see <see cref="ModelTrainingCutoff"/>).
    /// </summary>
    public string? TrainingCutoff { get; set; }

    /// <summary>
    /// <c>&lt;name or type&gt;/&lt;model&gt;</c>, e.g. <c>anthropic/claude-sonnet-4-5</c>; decisions are labelled
    /// <c>llm:&lt;id&gt;</c> with it.
    /// </summary>
    [JsonIgnore]
    public string DisplayId =>
        $"{(string.IsNullOrWhiteSpace(Name) ? Type.Trim().ToLowerInvariant() : Name.Trim())}/{Model.Trim()}";

    /// <summary>The configured timeout as a <see cref="TimeSpan"/>.</summary>
    [JsonIgnore]
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>A copy without the API key, safe to keep next to a provider and to log.</summary>
    public LlmProviderOptions WithoutApiKey() => new()
    {
        Type = Type,
        Name = Name,
        Endpoint = Endpoint,
        ApiKey = null,
        Model = Model,
        TimeoutSeconds = TimeoutSeconds,
        MaxRetries = MaxRetries,
        InputUsdPerMillionTokens = InputUsdPerMillionTokens,
        OutputUsdPerMillionTokens = OutputUsdPerMillionTokens,
        MaxOutputTokens = MaxOutputTokens,
        TrainingCutoff = TrainingCutoff,
        RequestsPerMinute = RequestsPerMinute,
    };

    /// <summary>Describes the provider with the key shown only as set or not set.</summary>
    public override string ToString() =>
        $"{DisplayId} (type {Type}, endpoint {EndpointDisplay.Describe(Endpoint)}, api key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")}, " +
        $"timeout {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}s, max retries {MaxRetries}, max output tokens {MaxOutputTokens})";
}
