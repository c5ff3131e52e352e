using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// An answer as it is kept, in the database and in Redis alike: the <see cref="LlmCacheEntry"/> row, with the response
/// and the features as JSON. One mapping both ways, so every store reads back what any store wrote.
/// </summary>
internal static class LlmCacheEntries
{
    // Features are NaN while an indicator is still warming up; they must round-trip, not fail the write.
    private static readonly JsonSerializerOptions FeatureJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The row for <paramref name="answer"/>.</summary>
    public static LlmCacheEntry ToEntry(StoredAnswer answer) => new()
    {
        Key = answer.Key,
        Agent = answer.Agent,
        PromptVersion = answer.PromptVersion,
        Model = answer.Model,
        Symbol = answer.Context?.Symbol,
        Timeframe = answer.Context?.Timeframe,
        PositionState = answer.Context?.PositionState,
        DecisionTime = answer.Context?.DecisionTime,
        FeaturesJson = answer.Context is null ? null : Features(answer.Context.Features),
        ResponseJson = answer.Response is null ? null : JsonSerializer.Serialize(answer.Response, AIJsonUtilities.DefaultOptions),
        Error = answer.Error,
        InputTokens = answer.Response?.Usage?.InputTokenCount ?? 0,
        OutputTokens = answer.Response?.Usage?.OutputTokenCount ?? 0,
        CostUsd = answer.CostUsd,
        CreatedAt = answer.CreatedAt,
    };

    /// <summary>The answer <paramref name="entry"/> holds.</summary>
    /// <exception cref="JsonException">The row's response or features are not the JSON this class writes.</exception>
    public static StoredAnswer ToAnswer(LlmCacheEntry entry) => new()
    {
        Key = entry.Key,
        Agent = entry.Agent,
        PromptVersion = entry.PromptVersion,
        Model = entry.Model,
        Response = entry.ResponseJson is null ? null : JsonSerializer.Deserialize<ChatResponse>(entry.ResponseJson, AIJsonUtilities.DefaultOptions),
        Error = entry.Error,
        Context = entry.Symbol is null || entry.Timeframe is null || entry.PositionState is null || entry.DecisionTime is null
            ? null
            : new CacheContext(entry.Symbol, entry.Timeframe, entry.PositionState, entry.DecisionTime.Value, Features(entry.FeaturesJson ?? "[]")),
        CostUsd = entry.CostUsd,
        CreatedAt = entry.CreatedAt,
    };

    /// <summary>Features as JSON, NaN included.</summary>
    public static string Features(IReadOnlyList<double> features) => JsonSerializer.Serialize(features, FeatureJson);

    /// <summary>Features read back from <see cref="Features(IReadOnlyList{double})"/>.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not a list of numbers.</exception>
    public static double[] Features(string json) => JsonSerializer.Deserialize<double[]>(json, FeatureJson) ?? [];
}
