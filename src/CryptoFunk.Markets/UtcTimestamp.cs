using System.Globalization;

namespace CryptoFunk.Markets;

/// <summary>
/// The one way CryptoFunk writes a point in time: ISO-8601 in UTC with a <c>Z</c> (<c>2024-01-01T00:00:00Z</c>),
/// with sub-second digits only when there are any. Files, contexts and messages all use it, so a time read in one
/// place can be found verbatim in another.
/// </summary>
public static class UtcTimestamp
{
    /// <summary>Writes <paramref name="time"/> in UTC.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
