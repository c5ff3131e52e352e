namespace CryptoFunk.Storage;

/// <summary>
/// A model answer kept for reuse: found again by the exact hash of everything that determined it (agent, prompt
/// version, model, settings, rendered messages), or, in the optional similarity tier, by the market-state features
/// the agent was shown. Recordings for replay are the same rows.
/// </summary>
public sealed class LlmCacheEntry
{
    /// <summary>128-bit hex hash of the request's determining inputs (see <c>LlmCacheKey</c>).</summary>
    public required string Key { get; set; }

    /// <summary>The agent whose request this answers.</summary>
    public required string Agent { get; set; }

    /// <summary>Prompt content hash.</summary>
    public required string PromptVersion { get; set; }

    /// <summary>Model that produced the answer.</summary>
    public required string Model { get; set; }

    /// <summary>Symbol of the market state (<c>BTC/USDT</c>); the similarity tier never crosses symbols.</summary>
    public string? Symbol { get; set; }

    /// <summary>Timeframe of the market state; the similarity tier never crosses timeframes.</summary>
    public string? Timeframe { get; set; }

    /// <summary>Position state (e.g. <c>flat</c>, <c>long</c>); the similarity tier never crosses it.</summary>
    public string? PositionState { get; set; }

    /// <summary>Numeric market-state features as JSON (for the similarity tier); null when none were given.</summary>
    public string? FeaturesJson { get; set; }

    /// <summary>The answer, serialized as a Microsoft.Extensions.AI <c>ChatResponse</c>; null for a recorded failure.</summary>
    public string? ResponseJson { get; set; }

    /// <summary>Why every provider failed, for a recorded failure; replay reproduces it so fallbacks replay too.</summary>
    public string? Error { get; set; }

    /// <summary>Input tokens the original call used.</summary>
    public long InputTokens { get; set; }

    /// <summary>Output tokens the original call used.</summary>
    public long OutputTokens { get; set; }

    /// <summary>What the original call cost.</summary>
    public decimal CostUsd { get; set; }

    /// <summary>When the answer was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Market time of the decision the answer served; the similarity tier only uses answers from before a decision.</summary>
    public DateTimeOffset? DecisionTime { get; set; }
}
