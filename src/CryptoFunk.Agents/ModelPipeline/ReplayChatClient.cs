using CryptoFunk.Agents.Caching;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Record and replay, which make LLM backtests free and reproducible. In <see cref="LlmMode.Record"/> every answer
/// and every total failure is stored under the request's key; in <see cref="LlmMode.Replay"/> only recordings answer
/// (a recorded failure replays as a failure, so fallbacks replay too) and no provider is ever called; a request
/// without a recording stops the run. In <see cref="LlmMode.Live"/> it passes calls through.
/// </summary>
public sealed class ReplayChatClient(IChatClient innerClient, ILlmCacheStore store, LlmMode mode, TimeProvider time)
    : PipelineChatClient(innerClient)
{
    /// <inheritdoc />
    protected override async Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (mode == LlmMode.Live)
        {
            return await InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }

        var call = CallOf(options);
        var agent = AgentCallContext.Of(options);
        return mode == LlmMode.Replay
            ? await ReplayAsync(call, agent, cancellationToken)
            : await RecordAsync(messages, options, call, agent, cancellationToken);
    }

    private async Task<ChatResponse> ReplayAsync(ModelCall call, AgentCallContext? agent, CancellationToken cancellationToken)
    {
        await store.PreloadAsync(cancellationToken);
        var recorded = await store.GetAsync(call.CacheKey, cancellationToken)
            ?? throw new LlmReplayMissException(agent?.Agent ?? string.Empty, agent?.PromptVersion ?? string.Empty, call.CacheKey);
        call.Source = ResponseSource.Replay;
        return recorded.Response is { } response
            ? ChatResponseCopy.Of(response)
            : throw new LlmUnavailableException($"replayed failure: {recorded.Error}", [recorded.Error ?? "recorded failure"]);
    }

    private async Task<ChatResponse> RecordAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, ModelCall call, AgentCallContext? agent, CancellationToken cancellationToken)
    {
        ChatResponse response;
        try
        {
            response = await InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (LlmUnavailableException e)
        {
            await store.PutAsync(StoredAnswers.Failure(call, agent, string.Join("; ", e.Failures), time.GetUtcNow()), cancellationToken);
            throw;
        }

        await store.PutAsync(StoredAnswers.Answer(call, agent, response, time.GetUtcNow()), cancellationToken);
        return response;
    }
}
