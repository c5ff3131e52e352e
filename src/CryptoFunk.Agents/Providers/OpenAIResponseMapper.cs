using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Converts the OpenAI SDK's completions and streaming updates to Microsoft.Extensions.AI responses: text,
/// tool calls with parsed arguments, finish reason, model, response id and token usage.
/// </summary>
internal static class OpenAIResponseMapper
{
    public static ChatResponse FromCompletion(ChatCompletion completion)
    {
        var message = new AIChatMessage
        {
            Role = ChatRole.Assistant,
            MessageId = completion.Id,
            RawRepresentation = completion,
        };
        foreach (var part in completion.Content)
        {
            if (part.Kind == ChatMessageContentPartKind.Text)
            {
                message.Contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        foreach (var call in completion.ToolCalls)
        {
            if (!string.IsNullOrWhiteSpace(call.FunctionName))
            {
                var content = ParseCall(call.FunctionArguments?.ToString(), call.Id, call.FunctionName);
                content.RawRepresentation = call;
                message.Contents.Add(content);
            }
        }

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            (message.AdditionalProperties ??= [])["Refusal"] = completion.Refusal;
        }

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt == default ? null : completion.CreatedAt,
            FinishReason = FromFinishReason(completion.FinishReason),
            Usage = completion.Usage is { } usage ? FromUsage(usage) : null,
            RawRepresentation = completion,
        };
    }

    /// <summary>
    /// Streams updates through; tool-call fragments are gathered by index and emitted as whole
    /// <see cref="FunctionCallContent"/>s once the stream ends, as the arguments only parse when complete.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> FromStreamingUpdates(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var calls = new SortedDictionary<int, StreamedCall>();
        string? responseId = null;
        string? modelId = null;
        DateTimeOffset? createdAt = null;
        AIFinishReason? finishReason = null;

        await foreach (var update in updates)
        {
            responseId ??= update.CompletionId;
            modelId ??= string.IsNullOrEmpty(update.Model) ? null : update.Model;
            createdAt ??= update.CreatedAt == default ? null : update.CreatedAt;
            finishReason ??= update.FinishReason is { } reason ? FromFinishReason(reason) : null;

            var result = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = update.CompletionId,
                MessageId = update.CompletionId,
                ModelId = modelId,
                CreatedAt = createdAt,
                FinishReason = finishReason,
                RawRepresentation = update,
            };
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
                {
                    result.Contents.Add(new TextContent(part.Text) { RawRepresentation = part });
                }
            }

            foreach (var fragment in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(fragment.Index, out var call))
                {
                    calls[fragment.Index] = call = new StreamedCall();
                }

                call.Id ??= fragment.ToolCallId;
                call.Name ??= fragment.FunctionName;
                if (fragment.FunctionArgumentsUpdate is { } arguments && !arguments.ToMemory().IsEmpty)
                {
                    call.Arguments.Append(arguments.ToString());
                }
            }

            if (update.Usage is { } usage)
            {
                result.Contents.Add(new UsageContent(FromUsage(usage)));
            }

            yield return result;
        }

        if (calls.Count > 0)
        {
            var result = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = createdAt,
                FinishReason = finishReason,
            };
            foreach (var call in calls.Values.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
            {
                result.Contents.Add(ParseCall(call.Arguments.ToString(), call.Id ?? "", call.Name!));
            }

            yield return result;
        }
    }

    public static UsageDetails FromUsage(ChatTokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    private static AIFinishReason? FromFinishReason(OpenAIFinishReason reason) => reason switch
    {
        OpenAIFinishReason.Stop => AIFinishReason.Stop,
        OpenAIFinishReason.Length => AIFinishReason.Length,
        OpenAIFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        OpenAIFinishReason.ToolCalls or OpenAIFinishReason.FunctionCall => AIFinishReason.ToolCalls,
        _ => new AIFinishReason(reason.ToString()),
    };

    // Arguments that do not parse still produce a call, with the parse error in Exception, so the agent layer can
    // tell the model its JSON was broken instead of the whole turn failing.
    private static FunctionCallContent ParseCall(string? json, string callId, string name) =>
        string.IsNullOrWhiteSpace(json)
            ? new FunctionCallContent(callId, name, new Dictionary<string, object?>())
            : FunctionCallContent.CreateFromParsedArguments(json, callId, name,
                static text => JsonSerializer.Deserialize(text, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)))
                    as IDictionary<string, object?>);

    private sealed class StreamedCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
