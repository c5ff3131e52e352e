using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Benchmarks.Agents;

/// <summary>
/// A provider that answers at once (a fixed answer, or one computed from the request), so only CryptoFunk's own
/// overhead is measured.
/// </summary>
internal sealed class InstantChatClient(Func<IEnumerable<ChatMessage>, ChatOptions?, string> answer) : IChatClient
{
    public InstantChatClient(string answer)
        : this((_, _) => answer)
    {
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(messages, options)))
        {
            ModelId = "instant",
            Usage = new UsageDetails { InputTokenCount = 1500, OutputTokenCount = 120, TotalTokenCount = 1620 },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
