using System.Text.Json.Nodes;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// Bodies in OpenAI's <c>/chat/completions</c> wire format: a completion (text or <c>tool_calls</c>), streamed
/// chunks (<c>data: {chunk}</c> ... <c>data: [DONE]</c>) with tool-call deltas and a final usage chunk, and errors.
/// </summary>
public static class OpenAIWire
{
    /// <summary>The model id the fakes report unless told otherwise.</summary>
    public const string DefaultModel = "gpt-fake-1";

    /// <summary>A non-streaming completion; with tool calls, <c>finish_reason</c> is <c>tool_calls</c>.</summary>
    public static string Completion(
        string? text,
        IReadOnlyList<FakeToolCall>? toolCalls = null,
        int promptTokens = 11,
        int completionTokens = 7,
        string model = DefaultModel,
        string id = "chatcmpl-fake-1",
        string? finishReason = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
        if (toolCalls is { Count: > 0 })
        {
            message["tool_calls"] = new JsonArray([.. toolCalls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            })]);
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason ?? (toolCalls is { Count: > 0 } ? "tool_calls" : "stop"),
            }),
            ["usage"] = Usage(promptTokens, completionTokens),
        }.ToJsonString();
    }

    /// <summary>A completion with an empty <c>choices</c> array: well-formed JSON that carries no answer (and bills nothing).</summary>
    public static string EmptyChoices(string model = DefaultModel, string id = "chatcmpl-fake-empty") =>
        new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(),
        }.ToJsonString();

    /// <summary>SSE frames streaming <paramref name="pieces"/> of text, then the finish, the usage chunk and <c>[DONE]</c>.</summary>
    public static IReadOnlyList<string> TextStream(
        IEnumerable<string> pieces, int promptTokens = 11, int completionTokens = 7, string model = DefaultModel)
    {
        var frames = new List<string> { Data(Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" })) };
        frames.AddRange(pieces.Select(piece => Data(Chunk(model, new JsonObject { ["content"] = piece }))));
        frames.Add(Data(Chunk(model, new JsonObject(), "stop")));
        frames.Add(Data(UsageChunk(model, promptTokens, completionTokens)));
        frames.Add("data: [DONE]");
        return frames;
    }

    /// <summary>
    /// SSE frames streaming one tool call whose arguments arrive in <paramref name="argumentPieces"/> deltas, as
    /// OpenAI does (id and name in the first delta only), then <c>tool_calls</c>, usage and <c>[DONE]</c>.
    /// </summary>
    public static IReadOnlyList<string> ToolCallStream(
        string callId, string name, IEnumerable<string> argumentPieces, int promptTokens = 11, int completionTokens = 7,
        string model = DefaultModel)
    {
        var frames = new List<string>
        {
            Data(Chunk(model, new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["id"] = callId,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" },
                }),
            })),
        };
        frames.AddRange(argumentPieces.Select(piece => Data(Chunk(model, new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["function"] = new JsonObject { ["arguments"] = piece },
            }),
        }))));
        frames.Add(Data(Chunk(model, new JsonObject(), "tool_calls")));
        frames.Add(Data(UsageChunk(model, promptTokens, completionTokens)));
        frames.Add("data: [DONE]");
        return frames;
    }

    /// <summary>OpenAI's error body.</summary>
    public static string Error(string message, string type = "invalid_request_error", string? code = null) =>
        new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        }.ToJsonString();

    private static string Data(JsonObject chunk) => "data: " + chunk.ToJsonString();

    private static JsonObject Chunk(string model, JsonObject delta, string? finishReason = null) => new()
    {
        ["id"] = "chatcmpl-fake-stream",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    };

    private static JsonObject UsageChunk(string model, int promptTokens, int completionTokens) => new()
    {
        ["id"] = "chatcmpl-fake-stream",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(),
        ["usage"] = Usage(promptTokens, completionTokens),
    };

    private static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };
}
