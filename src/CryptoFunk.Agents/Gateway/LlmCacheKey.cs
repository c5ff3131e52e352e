using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Gateway;

/// <summary>
/// The exact-match key of a request: SHA-256 over everything that determines the answer — agent, prompt version,
/// the configured provider chain, the settings and the rendered messages (including tool calls and results) — in
/// one canonical JSON form, so the same inputs always give the same key and any change gives a new one.
/// </summary>
public static class LlmCacheKey
{
    /// <summary>Computes the key as lowercase hex.</summary>
    public static string Compute(LlmRequest request, IReadOnlyList<string> providerChain)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("agent", request.Agent);
            json.WriteString("prompt", request.PromptVersion);
            json.WriteStartArray("providers");
            foreach (var provider in providerChain)
            {
                json.WriteStringValue(provider);
            }

            json.WriteEndArray();
            json.WritePropertyName("options");
            WriteOptions(json, request.Options);
            foreach (var (service, options) in request.OptionsByService.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName("options:" + service);
                WriteOptions(json, options);
            }

            json.WriteStartArray("messages");
            foreach (var message in request.Messages)
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatOptions options)
    {
        json.WriteStartObject();
        WriteIfSet(json, "model", options.ModelId);
        WriteIfSet(json, "temperature", options.Temperature);
        WriteIfSet(json, "top_p", options.TopP);
        WriteIfSet(json, "max_tokens", options.MaxOutputTokens);
        WriteIfSet(json, "seed", options.Seed);
        WriteIfSet(json, "presence_penalty", options.PresencePenalty);
        WriteIfSet(json, "frequency_penalty", options.FrequencyPenalty);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema }:
                json.WritePropertyName("response_schema");
                schema.WriteTo(json);
                break;
            case ChatResponseFormatJson:
                json.WriteString("response_format", "json");
                break;
            case ChatResponseFormatText:
                json.WriteString("response_format", "text");
                break;
        }

        WriteIfSet(json, "tool_mode", options.ToolMode switch
        {
            RequiredChatToolMode { RequiredFunctionName: { } name } => "required:" + name,
            RequiredChatToolMode => "required",
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            _ => null,
        });
        if (options.Tools is { Count: > 0 } tools)
        {
            json.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                json.WriteStartObject();
                json.WriteString("name", tool.Name);
                if (tool is AIFunction function)
                {
                    json.WritePropertyName("schema");
                    function.JsonSchema.WriteTo(json);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatMessage message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role.Value);
        WriteIfSet(json, "author", message.AuthorName);
        json.WriteStartArray("contents");
        foreach (var content in message.Contents)
        {
            json.WriteStartObject();
            switch (content)
            {
                case TextContent text:
                    json.WriteString("text", text.Text);
                    break;
                case FunctionCallContent call:
                    json.WriteString("call", call.Name);
                    json.WriteString("id", call.CallId);
                    json.WritePropertyName("arguments");
                    JsonSerializer.Serialize(json, call.Arguments, AIJsonUtilities.DefaultOptions);
                    break;
                case FunctionResultContent result:
                    json.WriteString("result", result.CallId);
                    json.WritePropertyName("value");
                    JsonSerializer.Serialize(json, result.Result, AIJsonUtilities.DefaultOptions);
                    break;
                default:
                    json.WriteString(content.GetType().Name, content.ToString());
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
