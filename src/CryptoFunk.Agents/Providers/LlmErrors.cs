namespace CryptoFunk.Agents.Providers;

/// <summary>Builds <see cref="LlmProviderException"/>s the same way for every SDK.</summary>
internal static class LlmErrors
{
    public static LlmProviderException FromStatus(string providerId, int status, string detail, TimeSpan? retryAfter) =>
        new(providerId, KindOf(status), detail, status, retryAfter);

    public static LlmFailureKind KindOf(int status) => status switch
    {
        429 => LlmFailureKind.RateLimited,
        408 => LlmFailureKind.Timeout,
        401 or 403 => LlmFailureKind.Authentication,
        >= 500 => LlmFailureKind.ServerError,
        _ => LlmFailureKind.InvalidRequest,
    };

    public static LlmProviderException Timeout(string providerId, TimeSpan timeout, Exception inner) =>
        new(providerId, LlmFailureKind.Timeout,
            $"no response within {timeout.TotalSeconds:0.###}s (Llm:Providers:N:TimeoutSeconds)", innerException: inner);

    public static LlmProviderException Connection(string providerId, Exception inner, string? secret) =>
        new(providerId, LlmFailureKind.Connection,
            ProviderErrorDetail.Clean($"could not reach the provider: {inner.Message}", secret), innerException: inner);

    public static LlmProviderException Malformed(string providerId, string what, Exception? inner) =>
        new(providerId, LlmFailureKind.MalformedResponse,
            $"the response is not in the provider's wire format ({what}); check Endpoint points at the API itself",
            innerException: inner);
}
