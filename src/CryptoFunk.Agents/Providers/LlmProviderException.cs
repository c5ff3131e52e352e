using System.Globalization;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// A failed call to an LLM provider, the same for every SDK, carrying what failover and retry need: which provider,
/// the HTTP status, how long the provider asked us to wait, and whether trying again can help. Its message never
/// contains the API key or request headers.
/// </summary>
public sealed class LlmProviderException : Exception
{
    /// <summary>Creates the error; <paramref name="detail"/> is what the provider said, already made safe.</summary>
    public LlmProviderException(
        string providerId,
        LlmFailureKind kind,
        string detail,
        int? statusCode = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(Compose(providerId, kind, detail, statusCode, retryAfter), innerException)
    {
        ProviderId = providerId;
        Kind = kind;
        Detail = detail;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The provider's display id, e.g. <c>openai/gpt-4o-mini</c>.</summary>
    public string ProviderId { get; }

    /// <summary>What kind of failure this is.</summary>
    public LlmFailureKind Kind { get; }

    /// <summary>The provider's own explanation (or ours), without the provider id and status.</summary>
    public string Detail { get; }

    /// <summary>The HTTP status code, when the provider answered with one.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's <c>Retry-After</c> (seconds or HTTP date), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Whether the same request may succeed later: rate limits, timeouts, broken connections and server errors
    /// (429, 408, 5xx) are; bad requests, bad keys and malformed answers are not.
    /// </summary>
    public bool IsTransient => Kind is LlmFailureKind.RateLimited or LlmFailureKind.Timeout
        or LlmFailureKind.Connection or LlmFailureKind.ServerError;

    private static string Compose(string providerId, LlmFailureKind kind, string detail, int? statusCode, TimeSpan? retryAfter)
    {
        var status = statusCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"HTTP {code}, ") : "";
        var wait = retryAfter is { } delay
            ? string.Create(CultureInfo.InvariantCulture, $", retry after {delay.TotalSeconds:0.###}s")
            : "";
        return $"LLM provider '{providerId}' failed ({status}{kind}{wait}): {detail}";
    }
}
