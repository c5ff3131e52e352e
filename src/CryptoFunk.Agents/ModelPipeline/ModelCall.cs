using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// One model call on its way through the pipeline. The call log creates it with the request's key and hands it down
/// in <see cref="ChatOptions.AdditionalProperties"/>; the layer that serves the call says how (recording, cache or
/// provider, with the provider's cost) and the resilience layer counts the requests it sends. Once finished it is
/// stored as a call record and counted on the agent's answer.
/// </summary>
public sealed class ModelCall
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key.</summary>
    public const string PropertyName = "cryptofunk.model_call";

    private int _attempts;

    /// <summary>The exact-match key of the request (see <see cref="LlmCacheKey"/>).</summary>
    public required string CacheKey { get; init; }

    /// <summary>Who served it; <see cref="ResponseSource.Hold"/> until something does.</summary>
    public ResponseSource Source { get; set; } = ResponseSource.Hold;

    /// <summary>The provider id that answered, when one did.</summary>
    public string? Provider { get; set; }

    /// <summary>US dollars the provider call cost; zero for cache and replay.</summary>
    public decimal CostUsd { get; set; }

    /// <summary>True when the answer is a fallback (a cached answer served after every provider failed).</summary>
    public bool Degraded { get; set; }

    /// <summary>Input tokens of the answer, as reported (cached and replayed answers keep their original counts).</summary>
    public long InputTokens { get; private set; }

    /// <summary>Output tokens of the answer.</summary>
    public long OutputTokens { get; private set; }

    /// <summary>The model that answered.</summary>
    public string? Model { get; private set; }

    /// <summary>Why earlier providers were passed over, in order (empty when the first one answered).</summary>
    public List<string> Failovers { get; } = [];

    /// <summary>How each passed-over provider failed, as <c>provider=kind</c> (<c>RateLimited</c>, <c>Timeout</c>, <c>CircuitOpen</c>, ...), for counting errors by kind.</summary>
    public List<string> FailureKinds { get; } = [];

    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; set; }

    /// <summary>Requests actually sent to providers for this call, retries and failovers included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The call carried by <paramref name="options"/>, or null outside the pipeline.</summary>
    public static ModelCall? Of(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true ? value as ModelCall : null;

    /// <summary>Counts one request sent to a provider.</summary>
    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>
    /// Takes the token counts and model of <paramref name="response"/> now: the function-invocation loop above later
    /// adds later rounds' usage into the first response's usage object.
    /// </summary>
    internal void Answer(ChatResponse response)
    {
        InputTokens = response.Usage?.InputTokenCount ?? 0;
        OutputTokens = response.Usage?.OutputTokenCount ?? 0;
        Model = response.ModelId;
    }
}
