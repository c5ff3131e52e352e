using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Sits on a provider SDK's <see cref="IChatClient"/> and makes its failures one kind: whatever the SDK throws
/// becomes <see cref="LlmProviderException"/> (status, <c>Retry-After</c>, transient or not, the key masked), an
/// answer without any content is refused, and a stream that stays silent longer than the timeout or ends without an
/// answer fails instead of hanging or looking empty. Its metadata shows the endpoint without credentials.
/// </summary>
internal sealed class ProviderErrorChatClient(
    IChatClient innerClient,
    string providerId,
    TimeSpan timeout,
    string? secret,
    ProviderErrorMapper map,
    ChatClientMetadata metadata) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception error) when (map(error, providerId, timeout, secret, cancellationToken, out var mapped))
        {
            throw mapped;
        }

        return response.Messages.Any(m => m.Contents.Count > 0)
            ? response
            : throw LlmErrors.Malformed(providerId, "an answer without any content", inner: null);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Cancelled when the provider stays silent for longer than the timeout; the clock stops while the caller
        // handles an update, so a slow consumer is not mistaken for a slow provider.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(timeout);
        await using var updates = base.GetStreamingResponseAsync(messages, options, silence.Token).GetAsyncEnumerator(silence.Token);
        var meaningful = 0;
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception error) when (map(error, providerId, timeout, secret, cancellationToken, out var mapped))
            {
                throw mapped;
            }

            var update = updates.Current;
            if (update.ResponseId is not null || update.FinishReason is not null || update.Contents.Count > 0)
            {
                meaningful++;
            }

            silence.CancelAfter(Timeout.InfiniteTimeSpan);
            yield return update;
            silence.CancelAfter(timeout);
        }

        if (meaningful == 0)
        {
            throw LlmErrors.Malformed(providerId, "the stream carried no answer", inner: null);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata : base.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public override string ToString() => $"{providerId} at {metadata.ProviderUri}";
}
