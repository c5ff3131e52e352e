using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Paper.Wire;

/// <summary>A <see cref="MarketSymbol"/> as its one spelling, <c>BTC/USDT</c>, as a value and as a dictionary key.</summary>
internal sealed class MarketSymbolJsonConverter : JsonConverter<MarketSymbol>
{
    public override MarketSymbol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MarketSymbol.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, MarketSymbol value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override MarketSymbol ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MarketSymbol.Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, MarketSymbol value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
}
