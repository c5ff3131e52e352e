using System.Text.Json.Nodes;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// Bodies in Anthropic's <c>/v1/messages</c> wire format: a message with <c>text</c> and <c>tool_use</c> blocks,
/// the event stream (<c>message_start</c>, <c>content_block_start/delta/stop</c> with <c>text_delta</c> and
/// <c>input_json_delta</c>, <c>message_delta</c> with usage, <c>message_stop</c>), and errors.
/// </summary>
public static class AnthropicWire
{
    /// <summary>The model id the fakes report unless told otherwise.</summary>
    public const string DefaultModel = "claude-fake-1";

    /// <summary>A non-streaming message; with tool calls, <c>stop_reason</c> is <c>tool_use</c>.</summary>
    public static string Message(
        string? text,
        IReadOnlyList<FakeToolCall>? toolCalls = null,
        int inputTokens = 13,
        int outputTokens = 8,
        string model = DefaultModel,
        string id = "msg_fake_1",
        string? stopReason = null)
    {
        var content = new JsonArray();
        if (text is not null)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        foreach (var call in toolCalls ?? [])
        {
            content.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = call.Id,
                ["name"] = call.Name,
                ["input"] = JsonNode.Parse(call.ArgumentsJson),
            });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = stopReason ?? (toolCalls is { Count: > 0 } ? "tool_use" : "end_turn"),
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
        }.ToJsonString();
    }

    /// <summary>The event stream of a text answer arriving in <paramref name="pieces"/>.</summary>
    public static IReadOnlyList<string> TextStream(
        IEnumerable<string> pieces, int inputTokens = 13, int outputTokens = 8, string model = DefaultModel)
    {
        var frames = new List<string>
        {
            MessageStart(model, inputTokens),
            Event("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            }),
        };
        frames.AddRange(pieces.Select(piece => Event("content_block_delta", new JsonObject
        {
            ["type"] = "content_block_delta",
            ["index"] = 0,
            ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece },
        })));
        frames.Add(BlockStop(0));
        frames.AddRange(MessageEnd("end_turn", outputTokens));
        return frames;
    }

    /// <summary>The event stream of one <c>tool_use</c> block whose input arrives as <c>input_json_delta</c> pieces.</summary>
    public static IReadOnlyList<string> ToolCallStream(
        string callId, string name, IEnumerable<string> inputPieces, int inputTokens = 13, int outputTokens = 8,
        string model = DefaultModel)
    {
        var frames = new List<string>
        {
            MessageStart(model, inputTokens),
            Event("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = 0,
                ["content_block"] = new JsonObject
                {
                    ["type"] = "tool_use",
                    ["id"] = callId,
                    ["name"] = name,
                    ["input"] = new JsonObject(),
                },
            }),
        };
        frames.AddRange(inputPieces.Select(piece => Event("content_block_delta", new JsonObject
        {
            ["type"] = "content_block_delta",
            ["index"] = 0,
            ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece },
        })));
        frames.Add(BlockStop(0));
        frames.AddRange(MessageEnd("tool_use", outputTokens));
        return frames;
    }

    /// <summary>The first event of every stream.</summary>
    public static string MessageStart(string model = DefaultModel, int inputTokens = 13) =>
        Event("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = "msg_fake_stream",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 1 },
            },
        });

    /// <summary>An <c>error</c> event, as Anthropic sends when it fails mid-stream (e.g. <c>overloaded_error</c>).</summary>
    public static string ErrorEvent(string type, string message) => Event("error", JsonNode.Parse(Error(message, type))!.AsObject());

    /// <summary>Anthropic's error body.</summary>
    public static string Error(string message, string type = "invalid_request_error") =>
        new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
        }.ToJsonString();

    private static IEnumerable<string> MessageEnd(string stopReason, int outputTokens) =>
    [
        Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = outputTokens },
        }),
        Event("message_stop", new JsonObject { ["type"] = "message_stop" }),
    ];

    private static string BlockStop(int index) =>
        Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });

    private static string Event(string name, JsonObject data) => $"event: {name}\ndata: {data.ToJsonString()}";
}
