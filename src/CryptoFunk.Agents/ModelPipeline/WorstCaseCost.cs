using System.Text;
using System.Text.Json;
using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The most a request can cost at a provider, before it is sent. No tokenizer is at hand, so prompt tokens are
/// bounded by bytes: the byte-level BPE tokenizers of OpenAI and Anthropic never make a token of less than one UTF-8
/// byte, so the UTF-8 length of everything sent (messages as JSON, instructions, tool schemas, the response schema)
/// is at least its token count; <see cref="RequestOverheadTokens"/> covers what providers add around a request. The
/// output is bounded by the request's output cap, else the provider's.
/// </summary>
public static class WorstCaseCost
{
    /// <summary>
    /// Tokens a provider may add that the request does not contain: role markers and, with tools, a system prompt
    /// of its own (Anthropic documents up to 346 tokens for it).
    /// </summary>
    public const int RequestOverheadTokens = 512;

    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>US dollars <paramref name="provider"/> may bill for answering <paramref name="messages"/> with <paramref name="options"/>.</summary>
    public static decimal Of(IReadOnlyList<ChatMessage> messages, ChatOptions? options, LlmProvider provider)
    {
        var output = options?.MaxOutputTokens ?? provider.Options.MaxOutputTokens;
        return ((InputTokensAtMost(messages, options) * provider.Pricing.InputUsdPerMillionTokens)
                + (output * provider.Pricing.OutputUsdPerMillionTokens)) / TokensPerMillion;
    }

    /// <summary>An upper bound of the prompt tokens of a request.</summary>
    public static long InputTokensAtMost(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        long bytes = RequestOverheadTokens;
        foreach (var message in messages)
        {
            bytes += JsonSerializer.SerializeToUtf8Bytes(message, AIJsonUtilities.DefaultOptions).Length;
        }

        if (options is null)
        {
            return bytes;
        }

        bytes += Encoding.UTF8.GetByteCount(options.Instructions ?? string.Empty);
        foreach (var tool in options.Tools ?? [])
        {
            bytes += Encoding.UTF8.GetByteCount(tool.Name) + Encoding.UTF8.GetByteCount(tool.Description);
            if (tool is AIFunction function)
            {
                bytes += Encoding.UTF8.GetByteCount(function.JsonSchema.GetRawText());
            }
        }

        if (options.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            bytes += Encoding.UTF8.GetByteCount(schema.GetRawText());
        }

        return bytes;
    }
}
