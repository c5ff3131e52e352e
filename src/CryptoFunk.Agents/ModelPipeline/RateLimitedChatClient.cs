using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Waits for the provider's rate limit (<see cref="LlmProviderOptions.RequestsPerMinute"/>) before a call goes on to
/// its resilience, so the wait is not counted against an attempt's timeout; the wait counts against the agent's deadline.
/// </summary>
public sealed class RateLimitedChatClient(IChatClient innerClient, IProviderRateLimiter limiter, LlmProvider provider, int requestsPerMinute, TimeProvider time)
    : PipelineChatClient(innerClient)
{
    /// <inheritdoc />
    protected override async Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var wait = await limiter.ReserveAsync(provider.Id, requestsPerMinute, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return await InnerClient.GetResponseAsync(messages, options, cancellationToken);
    }
}
