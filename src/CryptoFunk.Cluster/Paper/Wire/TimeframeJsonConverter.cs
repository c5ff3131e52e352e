using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Paper.Wire;

/// <summary>A <see cref="Timeframe"/> as its code, such as <c>1h</c>.</summary>
internal sealed class TimeframeJsonConverter : JsonConverter<Timeframe>
{
    public override Timeframe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Timeframe.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Timeframe value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}
