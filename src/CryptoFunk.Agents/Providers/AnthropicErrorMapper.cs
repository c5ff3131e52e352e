using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Anthropic.Exceptions;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Maps what the Anthropic SDK throws to <see cref="LlmProviderException"/>: HTTP errors arrive already mapped by
/// <see cref="AnthropicHttpErrorHandler"/>; this handles the rest (timeouts, broken connections, error events in a
/// stream, bodies that are not JSON).
/// </summary>
internal static class AnthropicErrorMapper
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
            AnthropicSseException sse => FromStreamError(providerId, sse, secret),
            AnthropicApiException api => LlmErrors.FromStatus(
                providerId, (int)api.StatusCode, ProviderErrorDetail.FromBody(api.ResponseBody, secret), retryAfter: null),
            AnthropicIOException { InnerException: { } inner } => LlmErrors.Connection(providerId, inner, secret),
            HttpRequestException => LlmErrors.Connection(providerId, error, secret),

            // A connection cut after the headers surfaces while the body is read, not wrapped by HttpClient.
            IOException => LlmErrors.Connection(providerId, error, secret),
            JsonException => LlmErrors.Malformed(providerId, "not valid JSON, or JSON of an unexpected shape", error),
            AnthropicInvalidDataException => LlmErrors.Malformed(providerId, "JSON of an unexpected shape", error),
            _ => null,
        };
        return mapped is not null;
    }

    // An "error" event mid-stream has no HTTP status; its error.type says what happened.
    private static LlmProviderException FromStreamError(string providerId, AnthropicServiceException error, string? secret)
    {
        var body = error.Body.ValueKind == JsonValueKind.Undefined ? null : error.Body.GetRawText();
        var type = body is null ? null : ErrorType(error.Body);
        var kind = type switch
        {
            "rate_limit_error" => LlmFailureKind.RateLimited,
            "timeout_error" => LlmFailureKind.Timeout,
            "authentication_error" or "permission_error" => LlmFailureKind.Authentication,
            "invalid_request_error" or "not_found_error" or "request_too_large" => LlmFailureKind.InvalidRequest,
            _ => LlmFailureKind.ServerError,
        };
        return new LlmProviderException(
            providerId, kind, "error event in the stream: " + ProviderErrorDetail.FromBody(body, secret));
    }

    private static string? ErrorType(JsonElement body)
    {
        var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var inner) ? inner : body;
        return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("type", out var type) &&
               type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
    }
}
