using System.Text.Json;
using CryptoFunk.Storage;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>A trace as listed: its id, its root span and how many spans it has.</summary>
public sealed record TraceSummary(string TraceId, SpanRecord Root, int SpanCount)
{
    /// <summary>
    /// What the root says of its decision (<c>BTC/USDT 2021-01-04T01:00:00Z BUY: reason</c>), or null for a trace
    /// that is no trading decision (such as <c>agent run</c>).
    /// </summary>
    public string? Decision
    {
        get
        {
            var attributes = Attributes(Root);
            return attributes.GetValueOrDefault(GenAiAttributes.DecisionTime) is { } time
                ? $"{attributes.GetValueOrDefault(GenAiAttributes.Symbol)} {time} {attributes.GetValueOrDefault(GenAiAttributes.Action) ?? "(unfinished)"}: {attributes.GetValueOrDefault(GenAiAttributes.Reason)}"
                : null;
        }
    }

    /// <summary>The stored attributes of <paramref name="span"/>, by key.</summary>
    public static Dictionary<string, string?> Attributes(SpanRecord span) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(span.AttributesJson) ?? [];
}
