using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;
using OpenAIResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Converts Microsoft.Extensions.AI requests to the OpenAI SDK's chat types, the way dotnet/extensions'
/// <c>OpenAIChatClient</c> does: system/user/assistant/tool roles, tool calls and results, sampling options,
/// response formats, tools and tool choice.
/// </summary>
internal static class OpenAIRequestMapper
{
    public static List<OpenAIChatMessage> ToOpenAIMessages(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OpenAIChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(ToParts(message.Contents)) { ParticipantName = message.AuthorName });
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(ToParts(message.Contents)) { ParticipantName = message.AuthorName });
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(ToAssistantMessage(message));
            }
            else if (message.Role == ChatRole.Tool)
            {
                result.AddRange(message.Contents.OfType<FunctionResultContent>()
                    .Select(r => new ToolChatMessage(r.CallId, ResultText(r))));
            }
            else
            {
                throw new ArgumentException($"Chat role '{message.Role}' has no OpenAI equivalent.", nameof(messages));
            }
        }

        return result;
    }

    public static ChatCompletionOptions ToCompletionOptions(ChatOptions? options, int defaultMaxOutputTokens)
    {
        var result = new ChatCompletionOptions
        {
            MaxOutputTokenCount = options?.MaxOutputTokens ?? defaultMaxOutputTokens,
        };
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK, yet it is a stable wire field we rely on for reproducibility.
        result.Seed = options.Seed;
#pragma warning restore OPENAI001
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        AddTools(result, options);
        result.ResponseFormat = ToResponseFormat(options.ResponseFormat);
        return result;
    }

    private static void AddTools(ChatCompletionOptions result, ChatOptions options)
    {
        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            bool? strict = function.AdditionalProperties.TryGetValue("Strict", out var value) && value is bool b ? b : null;
            result.Tools.Add(ChatTool.CreateFunctionTool(
                function.Name,
                function.Description,
                BinaryData.FromString(function.JsonSchema.GetRawText()),
                strict));
        }

        if (result.Tools.Count == 0)
        {
            return;
        }

        result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
        result.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
            RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
            RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
            _ => ChatToolChoice.CreateAutoChoice(),
        };
    }

    private static OpenAIResponseFormat? ToResponseFormat(AIResponseFormat? format) => format switch
    {
        ChatResponseFormatText => OpenAIResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => OpenAIResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response",
            BinaryData.FromString(schema.GetRawText()),
            json.SchemaDescription,
            jsonSchemaIsStrict: true),
        ChatResponseFormatJson => OpenAIResponseFormat.CreateJsonObjectFormat(),
        _ => null,
    };

    private static AssistantChatMessage ToAssistantMessage(AIChatMessage message)
    {
        var toolCalls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(
                call.CallId,
                call.Name,
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(
                    call.Arguments ?? new Dictionary<string, object?>(),
                    AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))))))
            .ToList();
        var hasText = message.Contents.OfType<TextContent>().Any(t => !string.IsNullOrEmpty(t.Text));

        // An assistant turn that only calls tools carries no content at all, which every compatible server accepts.
        var assistant = toolCalls.Count > 0 && !hasText
            ? new AssistantChatMessage(toolCalls)
            : new AssistantChatMessage(ToParts(message.Contents));
        if (hasText)
        {
            foreach (var call in toolCalls)
            {
                assistant.ToolCalls.Add(call);
            }
        }

        assistant.ParticipantName = message.AuthorName;
        return assistant;
    }

    // Plain text goes as one string rather than an array of parts: several OpenAI-compatible servers accept only that.
    private static ChatMessageContent ToParts(IList<AIContent> contents)
    {
        var parts = new List<ChatMessageContentPart>();
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
            }
        }

        return parts.All(p => p.Kind == ChatMessageContentPartKind.Text)
            ? new ChatMessageContent(string.Concat(parts.Select(p => p.Text)))
            : new ChatMessageContent(parts);
    }

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is not null => $"Error: {result.Exception.Message}",
        null => "",
        string text => text,
        JsonElement element => element.GetRawText(),
        var value => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };
}
