using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CryptoFunk.Storage;

namespace CryptoFunk.Cluster.Paper.Wire;

/// <summary>
/// How the paper grains' messages travel: CryptoFunk's own types (records of the engine, the store's rows) go through
/// Orleans' System.Text.Json codec with these options, so no engine type needs Orleans' attributes.
/// </summary>
internal static class PaperGrainJson
{
    /// <summary>True for the types this codec carries: CryptoFunk's own.</summary>
    public static bool Carries(Type type) => type.Namespace?.StartsWith("CryptoFunk.", StringComparison.Ordinal) == true;

    /// <summary>Applies the converters and the one population rule the messages need to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new MarketSymbolJsonConverter());
        options.Converters.Add(new TimeframeJsonConverter());
        options.Converters.Add(new MarketHistoryJsonConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { PopulateAgentRows } };
    }

    /// <summary>A decision's agent rows are a list it owns (no setter), filled in place.</summary>
    private static void PopulateAgentRows(JsonTypeInfo type)
    {
        if (type.Type == typeof(TradingDecisionRecord))
        {
            type.Properties.Single(p => p.Name == nameof(TradingDecisionRecord.Agents)).ObjectCreationHandling = JsonObjectCreationHandling.Populate;
        }
    }
}
