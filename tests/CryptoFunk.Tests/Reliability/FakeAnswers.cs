using System.Globalization;
using System.Text.Json;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Answers in the agents' output schemas, for fake models to send: numbers go in as raw JSON text (so <c>1e40</c> can),
/// texts are JSON-encoded, and <c>extra</c> adds fields the schema does not have.
/// </summary>
internal static class FakeAnswers
{
    /// <summary>An analyst's signal.</summary>
    public static string Signal(string signal, double confidence, string reasoning, IEnumerable<string> factors, string? extra = null) =>
        $$"""{"signal":"{{signal}}","confidence":{{confidence.ToString(CultureInfo.InvariantCulture)}},"reasoning":{{Json(reasoning)}},"key_factors":[{{string.Join(',', factors.Select(Json))}}],"risk_level":"MEDIUM"{{Extra(extra)}}}""";

    /// <summary>A strategist's proposal in <paramref name="agent"/>'s schema (trend following or mean reversion).</summary>
    public static string Proposal(string agent, string action, string entry, string stop, string target, string reasoning, string? extra = null)
    {
        var own = agent == "trend_following" ? "\"trend_phase\":\"ESTABLISHED\"" : "\"timeframe\":\"SHORT\",\"risk_reward\":2";
        return $$"""{"action":"{{action}}","confidence":0.95,"reasoning":{{Json(reasoning)}},"entry_price":{{entry}},"stop_loss":{{stop}},"take_profit":{{target}},{{own}}{{Extra(extra)}}}""";
    }

    /// <summary>The risk officer's approval (sizes as raw JSON: <c>null</c> keeps the proposed one).</summary>
    public static string Approval(string adjustedSize, string reasoning, string? extra = null) =>
        $$"""{"approved":true,"adjusted_size":{{adjustedSize}},"reasoning":{{Json(reasoning)}},"risk_score":0.1,"recommendations":[],"warnings":[]{{Extra(extra)}}}""";

    /// <summary>A price as JSON, to two places.</summary>
    public static string Price(decimal value) => decimal.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>A text as a JSON string.</summary>
    public static string Json(string text) => JsonSerializer.Serialize(text);

    private static string Extra(string? fields) => fields is null ? string.Empty : "," + fields;
}
