using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.Gateway;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Presents the <see cref="LlmGateway"/> as an <see cref="IChatClient"/> for one agent invocation, so the
/// function-invocation loop can drive it; it remembers each call's result (source, cost) for the agent's response.
/// </summary>
internal sealed class GatewayChatClient(LlmGateway gateway, string agent, string promptName, string promptVersion, IReadOnlyDictionary<string, ChatOptions> optionsByService, CacheContext? context) : IChatClient
{
    public List<LlmResult> Results { get; } = [];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await gateway.GetResponseAsync(
            new LlmRequest
            {
                Agent = agent,
                PromptName = promptName,
                PromptVersion = promptVersion,
                Messages = messages as IReadOnlyList<ChatMessage> ?? messages.ToList(),
                Options = options ?? new ChatOptions(),
                OptionsByService = optionsByService,
                Context = context,
            },
            cancellationToken);
        Results.Add(result);
        return result.Response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
