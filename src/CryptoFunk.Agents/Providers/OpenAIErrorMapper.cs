using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Maps what the OpenAI SDK throws to <see cref="LlmProviderException"/>. The SDK's own message is not reused (it
/// may list response headers); the detail is rebuilt from the status and error body with the key masked.
/// </summary>
internal static class OpenAIErrorMapper
{
    public static bool TryMap(
        Exception error,
        string providerId,
        TimeSpan timeout,
        string? secret,
        CancellationToken callerToken,
        [NotNullWhen(true)] out LlmProviderException? mapped)
    {
        mapped = error switch
        {
            LlmProviderException => null,
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException => LlmErrors.Timeout(providerId, timeout, error),
            ClientResultException { Status: > 0 } result => FromResponse(providerId, result, secret),
            ClientResultException { InnerException: { } inner } => LlmErrors.Connection(providerId, inner, secret),
            HttpRequestException => LlmErrors.Connection(providerId, error, secret),

            // A connection cut after the headers surfaces while the body is read, not wrapped by HttpClient.
            IOException => LlmErrors.Connection(providerId, error, secret),
            JsonException => LlmErrors.Malformed(providerId, "not valid JSON, or JSON of an unexpected shape", error),

            // The SDK reads a successful body lazily through JsonElement, so JSON of the wrong shape (no choices,
            // an array) surfaces as these rather than as a deserialization error.
            InvalidOperationException or ArgumentOutOfRangeException or KeyNotFoundException or FormatException =>
                LlmErrors.Malformed(providerId, "JSON of an unexpected shape", error),
            _ => null,
        };
        return mapped is not null;
    }

    private static LlmProviderException FromResponse(string providerId, ClientResultException error, string? secret)
    {
        var response = error.GetRawResponse();
        var retryAfter = response is null
            ? null
            : RetryAfterParser.Parse(Header(response, "Retry-After"), Header(response, "retry-after-ms"), DateTimeOffset.UtcNow);
        return LlmErrors.FromStatus(providerId, error.Status, ProviderErrorDetail.FromBody(Body(response), secret), retryAfter);
    }

    private static string? Header(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    private static string? Body(PipelineResponse? response)
    {
        try
        {
            return response?.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body of a streamed response that failed was never buffered; the status alone has to do.
            return null;
        }
    }
}
