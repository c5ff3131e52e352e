using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Maps prompt settings to <see cref="ChatOptions"/> the way SK's <c>PromptExecutionSettingsExtensions.ToChatOptions</c>
/// does, so an <see cref="IChatClient"/> receives exactly what the prompt file says.
/// </summary>
public static class PromptExecutionSettingsExtensions
{
    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key that carries <c>strict</c> from a <c>json_schema</c>
    /// response format (the key Microsoft.Extensions.AI's OpenAI client reads).
    /// </summary>
    public const string StrictJsonSchemaKey = "strict";

    /// <summary>
    /// New options holding every set value: model_id, temperature, top_p, top_k, max_tokens, seed, stop_sequences,
    /// presence/frequency penalty, response_format and function_choice_behavior's tool mode. Tools are not added;
    /// the agent adds its functions. Null settings give null, as in SK.
    /// </summary>
    public static ChatOptions? ToChatOptions(this PromptExecutionSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        var options = new ChatOptions
        {
            ModelId = settings.ModelId,
            Temperature = (float?)settings.Temperature,
            TopP = (float?)settings.TopP,
            TopK = settings.TopK,
            MaxOutputTokens = settings.MaxTokens,
            Seed = settings.Seed,
            PresencePenalty = (float?)settings.PresencePenalty,
            FrequencyPenalty = (float?)settings.FrequencyPenalty,
        };

        if (settings.StopSequences is { Count: > 0 } stop)
        {
            options.StopSequences = [.. stop];
        }

        if (settings.ResponseFormat is { } format)
        {
            ApplyResponseFormat(format, options);
        }

        if (settings.FunctionChoiceBehavior is { } behavior)
        {
            options.ToolMode = behavior.Type switch
            {
                FunctionChoiceBehavior.Auto => ChatToolMode.Auto,
                FunctionChoiceBehavior.Required => ChatToolMode.RequireAny,
                FunctionChoiceBehavior.None => ChatToolMode.None,
                _ => throw new ArgumentException($"unknown function_choice_behavior type '{behavior.Type}'", nameof(settings)),
            };
            if (behavior.Type != FunctionChoiceBehavior.None)
            {
                options.AllowMultipleToolCalls = behavior.Options?.AllowParallelCalls;
            }
        }

        return options;
    }

    private static void ApplyResponseFormat(JsonElement format, ChatOptions options)
    {
        if (format.ValueKind == JsonValueKind.String)
        {
            options.ResponseFormat = format.GetString() switch
            {
                ResponseFormats.Text => ChatResponseFormat.Text,
                ResponseFormats.JsonObject => ChatResponseFormat.Json,
                var other => throw new ArgumentException($"unknown response_format '{other}'", nameof(format)),
            };
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
