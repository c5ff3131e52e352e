using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Gateway;

/// <summary>One model call an agent wants made, with what the cache and the call log need to know about it.</summary>
public sealed record LlmRequest
{
    /// <summary>The agent asking.</summary>
    public required string Agent { get; init; }

    /// <summary>Prompt name.</summary>
    public required string PromptName { get; init; }

    /// <summary>Prompt content hash.</summary>
    public required string PromptVersion { get; init; }

    /// <summary>The rendered messages (and, in later tool rounds, the tool calls and results).</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Settings used for a provider that has none of its own.</summary>
    public required ChatOptions Options { get; init; }

    /// <summary>Settings keyed by service id (a provider's name or type), from the prompt's <c>execution_settings</c>.</summary>
    public IReadOnlyDictionary<string, ChatOptions> OptionsByService { get; init; } = new Dictionary<string, ChatOptions>();

    /// <summary>The market state, for the similarity tier and the call log; null outside a decision.</summary>
    public CacheContext? Context { get; init; }
}
