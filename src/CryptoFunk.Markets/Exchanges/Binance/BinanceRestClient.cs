using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Sends public GET requests to Binance the way Binance asks clients to behave: weight reserved before sending,
/// the server's weight count adopted, HTTP 429 sat out for its <c>Retry-After</c>, HTTP 418 (IP ban) never retried,
/// 5xx, timeouts and network errors retried a bounded number of times with doubling back-off, and every attempt cut
/// after <see cref="BinanceOptions.RequestTimeout"/>. Binance's error bodies become <see cref="BinanceApiException"/>.
/// </summary>
internal sealed class BinanceRestClient(
    IHttpClientFactory httpClientFactory,
    BinanceRequestWeightLimiter limiter,
    IOptions<BinanceOptions> options,
    TimeProvider timeProvider,
    ILogger<BinanceRestClient> logger)
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Binance";

    private const string UsedWeightHeader = "X-MBX-USED-WEIGHT-1M";
    private const int ShownBodyLength = 200;

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> (relative to the spot base URL, such as <c>api/v3/depth?symbol=BTCUSDT&amp;limit=100</c>),
    /// charging <paramref name="weight"/>, and returns the JSON answer.
    /// </summary>
    public Task<JsonDocument> GetAsync(string pathAndQuery, int weight, CancellationToken cancellationToken) =>
        GetAsync(options.Value.BaseUrl, pathAndQuery, weight, cancellationToken);

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> relative to <paramref name="baseUrl"/> (the futures API shares the client's
    /// limiter, retries and error handling: one IP, one set of manners), charging <paramref name="weight"/>.
    /// </summary>
    public async Task<JsonDocument> GetAsync(Uri baseUrl, string pathAndQuery, int weight, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var request = $"GET /{pathAndQuery}";
        var uri = new Uri(WithTrailingSlash(baseUrl), pathAndQuery);
        var client = httpClientFactory.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            await limiter.AcquireAsync(weight, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.RequestTimeout);
            string failure;
            Exception? cause = null;
            try
            {
                using var response = await client.GetAsync(uri, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                var usedWeight = ReadUsedWeight(response);
                if (usedWeight is { } used)
                {
                    limiter.Observe(used);
                }

                var status = (int)response.StatusCode;
                BinanceLog.Answered(logger, request, status, usedWeight);
                if (response.IsSuccessStatusCode)
                {
                    return ParseJson(body, request);
                }

                if (response.StatusCode == (HttpStatusCode)418)
                {
                    var banLength = ReadRetryAfter(response);
                    BinanceLog.IpBanned(logger, request, banLength);
                    throw limiter.Ban(banLength);
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = ReadRetryAfter(response) ?? limiter.UntilNextWindow();
                    if (attempt > settings.MaxRetries)
                    {
                        throw new ExchangeException($"Binance kept rate-limiting {request} (HTTP 429) after {attempt} attempts");
                    }

                    if (wait > settings.MaxRetryAfter)
                    {
                        throw new ExchangeException(
                            $"Binance rate-limited {request} (HTTP 429) asking to wait {wait}, longer than the {settings.MaxRetryAfter} " +
                            $"allowed by {BinanceOptions.SectionName}:MaxRetryAfter");
                    }

                    BinanceLog.RateLimited(logger, request, wait, attempt + 1);
                    limiter.Pause(wait);
                    continue;
                }

                if (status < 500)
                {
                    throw Refusal(request, response.StatusCode, body);
                }

                failure = $"HTTP {status}{DescribeErrorBody(body)}";
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"no answer within {settings.RequestTimeout.TotalSeconds} s");
                cause = exception;
            }
            catch (HttpRequestException exception)
            {
                failure = $"network error: {exception.Message}";
                cause = exception;
            }

            if (attempt > settings.MaxRetries)
            {
                throw new ExchangeException($"Binance request {request} failed after {attempt} attempts: {failure}", cause);
            }

            var delay = settings.RetryBaseDelay * Math.Pow(2, attempt - 1);
            BinanceLog.Retrying(logger, request, failure, delay, attempt + 1);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static int? ReadUsedWeight(HttpResponseMessage response) =>
        response.Headers.TryGetValues(UsedWeightHeader, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            ? used
            : null;

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static JsonDocument ParseJson(byte[] body, string request)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new ExchangeResponseException(
                $"Binance answered {request} with a body that is not JSON: {Excerpt(body)}", exception);
        }
    }

    private static ExchangeException Refusal(string request, HttpStatusCode status, byte[] body) =>
        TryReadError(body, out var code, out var message)
            ? new BinanceApiException(request, status, code, message)
            : new ExchangeException($"Binance refused {request}: HTTP {(int)status} {Excerpt(body)}");

    private static string DescribeErrorBody(byte[] body) =>
        TryReadError(body, out var code, out var message) ? $" (error {code}: {message})" : string.Empty;

    private static bool TryReadError(byte[] body, out int code, out string message)
    {
        code = 0;
        message = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var codeValue) && codeValue.ValueKind == JsonValueKind.Number && codeValue.TryGetInt32(out code)
                && root.TryGetProperty("msg", out var messageValue) && messageValue.ValueKind == JsonValueKind.String)
            {
                message = messageValue.GetString()!;
                return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ShownBodyLength)).ReplaceLineEndings(" ");
        return body.Length > ShownBodyLength ? text + "..." : text;
    }
}
