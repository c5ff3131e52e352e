using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Who is asking and in what situation, carried from an agent through its chat client pipeline in
/// <see cref="ChatOptions.AdditionalProperties"/> (Microsoft.Extensions.AI's provider clients send only the keys they
/// know, so providers never see it). The cache, the recordings and the call log read the agent, its prompt version
/// and the market state from it, and every model call the answer took (billed, cached, replayed or failed) is
/// listed in <see cref="Calls"/>, so nothing billed can drop out of the agent's accounting.
/// </summary>
public sealed class AgentCallContext
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key.</summary>
    public const string PropertyName = "cryptofunk.agent_call";

    private readonly List<ModelCall> _calls = [];

    /// <summary>The agent asking.</summary>
    public required string Agent { get; init; }

    /// <summary>Its prompt's name.</summary>
    public required string PromptName { get; init; }

    /// <summary>Its prompt's content hash.</summary>
    public required string PromptVersion { get; init; }

    /// <summary>The market state, for the similarity tier and the call log; null outside a decision.</summary>
    public CacheContext? MarketState { get; init; }

    /// <summary>The chat options of the prompt's settings for a named service (a provider's name or type), from its <c>execution_settings</c>.</summary>
    public IReadOnlyDictionary<string, ChatOptions> OptionsByService { get; init; } = new Dictionary<string, ChatOptions>();

    /// <summary>The model calls made for this answer so far, in order.</summary>
    public IReadOnlyList<ModelCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The context carried by <paramref name="options"/>, or null.</summary>
    public static AgentCallContext? Of(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true ? value as AgentCallContext : null;

    /// <summary>Puts this context on <paramref name="options"/>.</summary>
    public void AttachTo(ChatOptions options) => (options.AdditionalProperties ??= [])[PropertyName] = this;

    /// <summary>Lists a finished call.</summary>
    internal void Add(ModelCall call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
