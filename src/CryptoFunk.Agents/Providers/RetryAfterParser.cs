using System.Globalization;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Reads how long a provider asked us to wait: <c>Retry-After</c> as seconds or an HTTP date (RFC 9110), or
/// OpenAI's <c>retry-after-ms</c>, which is more precise and wins when both are present.
/// </summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(string? retryAfter, string? retryAfterMilliseconds, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMilliseconds?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) &&
            double.IsFinite(ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var value = retryAfter?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ||
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
