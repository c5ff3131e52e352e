namespace CryptoFunk.Storage;

/// <summary>
/// One model call as it happened: who asked, which prompt version, where the answer came from, tokens, cost and
/// latency. Never holds credentials: request headers are not stored.
/// </summary>
public sealed class LlmCallRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>When the call finished (wall clock).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The decision time the call served (market time, not wall clock); null outside a decision.</summary>
    public DateTimeOffset? DecisionTime { get; set; }

    /// <summary>The agent that made the call.</summary>
    public required string Agent { get; set; }

    /// <summary>Prompt name.</summary>
    public string? PromptName { get; set; }

    /// <summary>Prompt content hash.</summary>
    public string? PromptVersion { get; set; }

    /// <summary><c>llm:provider/model</c>, <c>cache</c>, <c>replay</c>, ...</summary>
    public required string Source { get; set; }

    /// <summary>Provider id (<c>name/model</c>) that answered, when one did.</summary>
    public string? Provider { get; set; }

    /// <summary>Model that answered.</summary>
    public string? Model { get; set; }

    /// <summary>The cache key of the request.</summary>
    public required string CacheKey { get; set; }

    /// <summary>Input tokens.</summary>
    public long InputTokens { get; set; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; set; }

    /// <summary>US dollars spent on this call (zero for cache and replay).</summary>
    public decimal CostUsd { get; set; }

    /// <summary>Wall time of the call in milliseconds.</summary>
    public double LatencyMs { get; set; }

    /// <summary>Attempts made across providers before the answer (or the failure).</summary>
    public int Attempts { get; set; }

    /// <summary>The error when the call failed.</summary>
    public string? Error { get; set; }

    /// <summary>The run the call was made for (null outside a run, such as <c>agent run</c>).</summary>
    public string? RunId { get; set; }

    /// <summary>How each provider that did not answer failed, as <c>provider=kind</c> joined by <c>;</c> (<c>openai/gpt-4o=rate_limited</c>).</summary>
    public string? Failures { get; set; }
}
