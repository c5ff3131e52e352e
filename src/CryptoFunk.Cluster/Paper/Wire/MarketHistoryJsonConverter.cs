using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Paper.Wire;

/// <summary>
/// A <see cref="MarketHistory"/> as what it is made of (symbol, timeframe, candles), built again on the other side,
/// so nothing it computes from the candles travels.
/// </summary>
internal sealed class MarketHistoryJsonConverter : JsonConverter<MarketHistory>
{
    public override MarketHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = JsonSerializer.Deserialize<Parts>(ref reader, options) ?? throw new JsonException("a market history was null");
        return new MarketHistory(parts.Symbol, parts.Timeframe, parts.Candles);
    }

    public override void Write(Utf8JsonWriter writer, MarketHistory value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new Parts(value.Symbol, value.Timeframe, value.Candles), options);

    private sealed record Parts(MarketSymbol Symbol, Timeframe Timeframe, IReadOnlyList<Candle> Candles);
}
