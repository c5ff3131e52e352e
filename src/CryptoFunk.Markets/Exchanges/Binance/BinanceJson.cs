using System.Globalization;
using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Strict reading of the JSON values Binance sends: numbers as decimal strings (read exactly, never through
/// <see cref="double"/>), times as integer milliseconds since the Unix epoch.
/// </summary>
internal static class BinanceJson
{
    private const int ShownLength = 60;

    /// <summary>The last millisecond of year 9999, the latest time <see cref="DateTimeOffset"/> holds.</summary>
    private const long MaxMilliseconds = 253_402_300_799_999;

    /// <summary>Reads a decimal sent as a string such as <c>"64628.01000000"</c>; a sign only when allowed.</summary>
    public static bool TryReadDecimal(JsonElement element, bool allowSign, out decimal value)
    {
        value = 0;
        var style = NumberStyles.AllowDecimalPoint | (allowSign ? NumberStyles.AllowLeadingSign : NumberStyles.None);
        return element.ValueKind == JsonValueKind.String
            && decimal.TryParse(element.GetString(), style, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads an integer JSON number such as an id or a millisecond timestamp.</summary>
    public static bool TryReadInt64(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    /// <summary>Reads a millisecond Unix timestamp.</summary>
    public static bool TryReadTime(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        if (!TryReadInt64(element, out var milliseconds) || milliseconds < 0 || milliseconds > MaxMilliseconds)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>
    /// Reads a millisecond Unix timestamp sent as a number or, as Binance's futures statistics document it, as a string
    /// of digits (<c>"1583139600000"</c>).
    /// </summary>
    public static bool TryReadTimeNumberOrString(JsonElement element, out DateTimeOffset value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return TryReadTime(element, out value);
        }

        if (!long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds > MaxMilliseconds)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Formats a time the way error messages and files show it: ISO-8601 UTC.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A short excerpt of a JSON value for an error message.</summary>
    public static string Show(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= ShownLength ? text : string.Concat(text.AsSpan(0, ShownLength), "...");
    }
}
