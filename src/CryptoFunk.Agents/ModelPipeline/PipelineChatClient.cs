using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// A layer of the agents' model pipeline. Agents validate whole JSON answers and a cached or recorded answer exists
/// only whole, so a streaming caller is given the whole answer as updates; a layer implements <see cref="AnswerAsync"/>.
/// </summary>
public abstract class PipelineChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public sealed override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        AnswerAsync(messages as IReadOnlyList<ChatMessage> ?? [.. messages], options, cancellationToken);

    /// <inheritdoc />
    public sealed override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>The layer's own work for one model call.</summary>
    protected abstract Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken);

    /// <summary>The call the call log started, which every layer below it reports into.</summary>
    /// <exception cref="InvalidOperationException">The layer runs outside the pipeline (no call log above it).</exception>
    protected static ModelCall CallOf(ChatOptions? options) =>
        ModelCall.Of(options) ?? throw new InvalidOperationException($"no {nameof(ModelCall)} in the chat options: this client must sit below a {nameof(CallLogChatClient)}");
}
