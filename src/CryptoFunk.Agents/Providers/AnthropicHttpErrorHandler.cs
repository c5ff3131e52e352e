using System.Text;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Sits in the Anthropic SDK's handler chain and turns an HTTP error into <see cref="LlmProviderException"/> while
/// the response headers are still at hand: the SDK's own exceptions keep the status and body but drop
/// <c>Retry-After</c>, which the failover layer needs.
/// </summary>
internal sealed class AnthropicHttpErrorHandler(string providerId, string? secret, TimeProvider timeProvider) : DelegatingHandler
{
    private const int MaxErrorBodyBytes = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var retryAfter = RetryAfterParser.Parse(
                HeaderValue(response, "retry-after"), HeaderValue(response, "retry-after-ms"), timeProvider.GetUtcNow());
            var body = await ReadBoundedAsync(response.Content, cancellationToken);
            throw LlmErrors.FromStatus(providerId, (int)response.StatusCode, ProviderErrorDetail.FromBody(body, secret), retryAfter);
        }
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
