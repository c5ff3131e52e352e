using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// Reads a point in time given on the command line: a date (<c>2024-01-01</c>, midnight UTC) or an ISO-8601
/// date-time (<c>2024-01-01T06:00</c>, <c>2024-01-01T06:00:00Z</c>, <c>2024-01-01T08:00:00+02:00</c>), UTC unless
/// an offset is given. Only these forms are accepted, so <c>01/02/2024</c> cannot be read two ways.
/// </summary>
internal static class UtcTimeArgument
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> says why it was refused.</summary>
    public static bool TryParse(string option, string? text, out DateTimeOffset time, [NotNullWhen(false)] out string? error)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{option} is required (a date such as 2024-01-01 or an ISO-8601 date-time such as 2024-01-01T06:00:00Z)";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(
                text.Trim(),
                Formats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out time))
        {
            error = $"{option} '{text}' is not a date (2024-01-01) or an ISO-8601 date-time (2024-01-01T06:00:00Z)";
            return false;
        }

        error = null;
        return true;
    }
}
