using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Turns argument values into prompt text the same way on every machine: strings as they are, numbers and dates in
/// the invariant culture (ISO 8601 for times), objects as compact snake_case JSON. A prompt rendered on a German
/// machine must not say "0,5".
/// </summary>
internal static class PromptValueFormatter
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        char c => c.ToString(),
        DateTimeOffset time => FormatTime(time),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        JsonValue node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        JsonNode node => node.ToJsonString(Json),
        Uri uri => uri.ToString(),
        Guid id => id.ToString(),
        IFormattable formattable when IsScalar(value) => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    /// <summary>The JSON text of <paramref name="value"/> (strings quoted), for the <c>json</c> helper.</summary>
    public static string FormatJson(object? value) => value switch
    {
        null => "null",
        JsonElement element => element.GetRawText(),
        JsonNode node => node.ToJsonString(Json),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    /// <summary>Whether <see cref="Format"/> writes <paramref name="value"/> as JSON rather than as a scalar.</summary>
    public static bool IsComplex(object value) =>
        value is not (string or bool or char or DateTimeOffset or DateTime or TimeSpan or Enum or JsonElement or JsonNode or Uri or Guid) &&
        !IsScalar(value);

    private static bool IsScalar(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or Int128 or UInt128 or Half or System.Numerics.BigInteger;

    private static string FormatTime(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
