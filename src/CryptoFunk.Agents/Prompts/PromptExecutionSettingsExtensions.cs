using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Maps SK prompt settings to <see cref="ChatOptions"/> like SK's <c>PromptExecutionSettingsExtensions.ToChatOptions</c>,
/// except for <c>response_format</c>: SK 1.82 wraps a whole <c>{type: json_schema, json_schema: {...}}</c> object as
/// the schema, and drops <c>strict</c>; here the wrapper's schema, name, description and strictness are used.
/// </summary>
public static class PromptExecutionSettingsExtensions
{
    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key that carries <c>strict</c> from a <c>json_schema</c>
    /// response format (the key Microsoft.Extensions.AI's OpenAI client reads).
    /// </summary>
    public const string StrictJsonSchemaKey = "strict";

    /// <summary>
    /// New options holding every set value: model_id and, from <see cref="PromptExecutionSettings.ExtensionData"/>,
    /// temperature, top_p, top_k, max_tokens, seed, stop_sequences, presence/frequency penalty and response_format;
    /// function_choice_behavior gives the tool mode. Tools are not added; the agent adds its functions. Null settings
    /// give null, as in SK.
    /// </summary>
    public static ChatOptions? ToChatOptions(this PromptExecutionSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        var data = settings.ExtensionData;
        var options = new ChatOptions
        {
            ModelId = settings.ModelId,
            Temperature = (float?)Number<double>(data, PromptYamlKeys.Temperature),
            TopP = (float?)Number<double>(data, PromptYamlKeys.TopP),
            TopK = Number<int>(data, PromptYamlKeys.TopK),
            MaxOutputTokens = Number<int>(data, PromptYamlKeys.MaxTokens),
            Seed = Number<long>(data, PromptYamlKeys.Seed),
            PresencePenalty = (float?)Number<double>(data, PromptYamlKeys.PresencePenalty),
            FrequencyPenalty = (float?)Number<double>(data, PromptYamlKeys.FrequencyPenalty),
        };

        if (Get(data, PromptYamlKeys.StopSequences) is IEnumerable<string> stop && stop.Any())
        {
            options.StopSequences = [.. stop];
        }

        switch (Get(data, PromptYamlKeys.ResponseFormat))
        {
            case string name:
                options.ResponseFormat = NamedFormat(name);
                break;
            case JsonElement format:
                ApplyResponseFormat(format, options);
                break;
        }

        if (settings.FunctionChoiceBehavior is { } behavior)
        {
            var (type, _, choiceOptions) = FunctionChoices.Describe(behavior);
            options.ToolMode = type switch
            {
                FunctionChoices.Auto => ChatToolMode.Auto,
                FunctionChoices.Required => ChatToolMode.RequireAny,
                _ => ChatToolMode.None,
            };
            if (type != FunctionChoices.None)
            {
                options.AllowMultipleToolCalls = choiceOptions?.AllowParallelCalls;
            }
        }

        return options;
    }

    /// <summary>A number from the settings' extension data, whether stored typed (our reader) or as JSON (SK's).</summary>
    private static T? Number<T>(IDictionary<string, object>? data, string key)
        where T : struct =>
        Get(data, key) switch
        {
            null => null,
            T typed => typed,
            JsonElement json => json.Deserialize<T>(),
            var other => (T)Convert.ChangeType(other, typeof(T), CultureInfo.InvariantCulture),
        };

    private static object? Get(IDictionary<string, object>? data, string key) =>
        data is not null && data.TryGetValue(key, out var value) ? value : null;

    private static ChatResponseFormat NamedFormat(string? name) => name switch
    {
        ResponseFormats.Text => ChatResponseFormat.Text,
        ResponseFormats.JsonObject => ChatResponseFormat.Json,
        var other => throw new ArgumentException($"unknown response_format '{other}'", nameof(name)),
    };

    private static void ApplyResponseFormat(JsonElement format, ChatOptions options)
    {
        if (format.ValueKind == JsonValueKind.String)
        {
            options.ResponseFormat = NamedFormat(format.GetString());
            return;
        }

        // OpenAI's wrapper {type, json_schema: {name, description, schema, strict}}; anything else is, as in SK,
        // taken to be the JSON schema itself.
        var type = format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case ResponseFormats.Text:
                options.ResponseFormat = ChatResponseFormat.Text;
                break;
            case ResponseFormats.JsonObject:
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
            case ResponseFormats.JsonSchema when format.TryGetProperty(ResponseFormats.JsonSchema, out var wrapper):
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(
                    wrapper.GetProperty("schema"),
                    OptionalString(wrapper, "name"),
                    OptionalString(wrapper, "description"));
                if (wrapper.TryGetProperty("strict", out var strict) && strict.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    (options.AdditionalProperties ??= [])[StrictJsonSchemaKey] = strict.GetBoolean();
                }

                break;
            default:
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(format);
                break;
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
