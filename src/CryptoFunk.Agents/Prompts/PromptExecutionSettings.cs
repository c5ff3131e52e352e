using System.Text.Json;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Model settings for one service (SK's <c>PromptExecutionSettings</c>, with the keys SK's
/// <c>ToChatOptions</c> understands typed instead of kept in <c>ExtensionData</c>, so that typos are refused).
/// </summary>
public sealed record PromptExecutionSettings
{
    /// <summary>The key of the settings used when no entry matches the service id.</summary>
    public const string DefaultServiceId = "default";

    /// <summary>The service these settings are for; when given it must equal its key in <c>execution_settings</c>.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The model to ask for.</summary>
    public string? ModelId { get; init; }

    /// <summary>Sampling temperature (0 = most deterministic).</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass (0..1).</summary>
    public double? TopP { get; init; }

    /// <summary>Sample only from the k most likely tokens.</summary>
    public int? TopK { get; init; }

    /// <summary>The most tokens the answer may use; always set it for cost control.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Seed for providers that support reproducible sampling.</summary>
    public long? Seed { get; init; }

    /// <summary>Text at which the model stops.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Penalty for tokens already present (-2..2).</summary>
    public double? PresencePenalty { get; init; }

    /// <summary>Penalty proportional to how often a token appeared (-2..2).</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary>
    /// The answer's format as SK/OpenAI accept it: a JSON string (<c>text</c>, <c>json_object</c>) or a JSON object
    /// (<c>{type: json_schema, json_schema: {name, schema, strict}}</c>, or a bare JSON schema).
    /// </summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>Whether and which tools the model may call.</summary>
    public FunctionChoiceBehavior? FunctionChoiceBehavior { get; init; }

    /// <summary>Value equality, including the stop sequences and the response format's JSON.</summary>
    public bool Equals(PromptExecutionSettings? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (string.Equals(ServiceId, other.ServiceId, StringComparison.Ordinal) &&
          string.Equals(ModelId, other.ModelId, StringComparison.Ordinal) &&
          Temperature == other.Temperature &&
          TopP == other.TopP &&
          TopK == other.TopK &&
          MaxTokens == other.MaxTokens &&
          Seed == other.Seed &&
          PresencePenalty == other.PresencePenalty &&
          FrequencyPenalty == other.FrequencyPenalty &&
          SequenceEqual(StopSequences, other.StopSequences) &&
          JsonEqual(ResponseFormat, other.ResponseFormat) &&
          Equals(FunctionChoiceBehavior, other.FunctionChoiceBehavior)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ModelId, Temperature, MaxTokens, ServiceId);

    private static bool SequenceEqual(IReadOnlyList<string>? left, IReadOnlyList<string>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right, StringComparer.Ordinal);

    private static bool JsonEqual(JsonElement? left, JsonElement? right) =>
        left is null ? right is null : right is not null && JsonElement.DeepEquals(left.Value, right.Value);
}
