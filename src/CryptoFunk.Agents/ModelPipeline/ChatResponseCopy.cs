using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Deep copies of stored answers. The function-invocation loop changes the responses it is given (it adds later
/// rounds' usage into the first one, replaces the last one's messages and marks invoked calls informational), so a
/// cached or recorded answer is stored as a copy and served as a copy, never shared.
/// </summary>
internal static class ChatResponseCopy
{
    public static ChatResponse Of(ChatResponse response) => new([.. response.Messages.Select(Of)])
    {
        ResponseId = response.ResponseId,
        ConversationId = response.ConversationId,
        ModelId = response.ModelId,
        CreatedAt = response.CreatedAt,
        FinishReason = response.FinishReason,
        Usage = response.Usage is { } usage ? Of(usage) : null,
        AdditionalProperties = response.AdditionalProperties is { } properties ? new AdditionalPropertiesDictionary(properties) : null,
    };

    private static ChatMessage Of(ChatMessage message) => new(message.Role, [.. message.Contents.Select(Of)])
    {
        AuthorName = message.AuthorName,
        MessageId = message.MessageId,
        CreatedAt = message.CreatedAt,
        AdditionalProperties = message.AdditionalProperties is { } properties ? new AdditionalPropertiesDictionary(properties) : null,
    };

    private static AIContent Of(AIContent content) => content switch
    {
        TextContent text => new TextContent(text.Text),
        FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name, call.Arguments is null ? null : new Dictionary<string, object?>(call.Arguments)),
        FunctionResultContent result => new FunctionResultContent(result.CallId, result.Result),
        _ => JsonSerializer.Deserialize<AIContent>(JsonSerializer.SerializeToUtf8Bytes(content, AIJsonUtilities.DefaultOptions), AIJsonUtilities.DefaultOptions)!,
    };

    private static UsageDetails Of(UsageDetails usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.CachedInputTokenCount,
        ReasoningTokenCount = usage.ReasoningTokenCount,
        AdditionalCounts = usage.AdditionalCounts is { } counts ? new AdditionalPropertiesDictionary<long>(counts) : null,
    };
}
