using System.Text.Json;

namespace CryptoFunk.Agents.StructuredOutput;

/// <summary>
/// The JSON every answer, summary and export writes for a value that may be missing: the number, or <c>null</c>
/// (also for a non-finite double, which JSON cannot hold), and string arrays. One place, so they all agree.
/// </summary>
public static class JsonWriterExtensions
{
    /// <summary>
    /// Writes <paramref name="value"/> without trailing zeros, so equal amounts print alike whatever scale they were
    /// computed or stored with (PostgreSQL gives back ten places: 0.1643000000).
    /// </summary>
    public static void WriteDecimal(this Utf8JsonWriter json, string name, decimal value) =>
        json.WriteNumber(name, value / 1.0000000000000000000000000000m);

    /// <summary>Writes <paramref name="value"/> as <see cref="WriteDecimal"/> does, or null when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteDecimal(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or null when there is none or it is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or null when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteStringArray(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
