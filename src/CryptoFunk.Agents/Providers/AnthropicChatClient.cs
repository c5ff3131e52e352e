using System.Runtime.CompilerServices;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Anthropic through the official SDK's own <c>AsIChatClient</c> adapter (tool calls both ways, streaming, usage
/// all work as they are), wrapped to add what the adapter lacks here: every failure as
/// <see cref="LlmProviderException"/> with <c>Retry-After</c>, and a timeout between streamed events, which the
/// SDK's <c>Timeout</c> does not cover once the response headers have arrived. The SDK's retries are off.
/// </summary>
/// <remarks>
/// SDK 13.x targets a Messages API version without sampling parameters, so <see cref="ChatOptions.Temperature"/>
/// and <see cref="ChatOptions.TopP"/> are not sent; <c>json_object</c> has no Anthropic equivalent and is not sent
/// either, while a JSON schema goes out as <c>output_config.format</c>.
/// </remarks>
public sealed class AnthropicChatClient : DelegatingChatClient
{
    /// <summary>The public Anthropic API, used when no endpoint is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.anthropic.com");

    private readonly AnthropicClient _client;
    private readonly string _providerId;
    private readonly string _apiKey;
    private readonly TimeSpan _timeout;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client for one configured provider.</summary>
    /// <param name="options">The provider's configuration (endpoint, model, timeout, output cap).</param>
    /// <param name="apiKey">The resolved key.</param>
    /// <param name="httpClient">The transport, e.g. from <c>IHttpClientFactory</c>; null uses the SDK's own.</param>
    /// <param name="timeProvider">The clock for HTTP-date <c>Retry-After</c> values; null is the system clock.</param>
    public AnthropicChatClient(
        LlmProviderOptions options, string apiKey, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
        : this(CreateClient(options, apiKey, httpClient, timeProvider ?? TimeProvider.System), options, apiKey)
    {
    }

    private AnthropicChatClient(AnthropicClient client, LlmProviderOptions options, string apiKey)
        : base(client.AsIChatClient(options.Model.Trim(), options.MaxOutputTokens))
    {
        _client = client;
        _providerId = options.DisplayId;
        _apiKey = apiKey;
        _timeout = options.Timeout;
        _metadata = new ChatClientMetadata(LlmProviderTypes.Anthropic, EndpointDisplay.Strip(EndpointOf(options)), options.Model.Trim());
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception error) when (AnthropicErrorMapper.TryMap(error, _providerId, _timeout, _apiKey, cancellationToken, out var mapped))
        {
            throw mapped;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Cancelled when the provider stays silent for longer than the timeout; the clock stops while the caller
        // handles an update, so a slow consumer is not mistaken for a slow provider.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(_timeout);
        await using var updates = base.GetStreamingResponseAsync(messages, options, silence.Token).GetAsyncEnumerator(silence.Token);
        var count = 0;
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception error) when (AnthropicErrorMapper.TryMap(error, _providerId, _timeout, _apiKey, cancellationToken, out var mapped))
            {
                throw mapped;
            }

            count++;
            silence.CancelAfter(Timeout.InfiniteTimeSpan);
            yield return updates.Current;
            silence.CancelAfter(_timeout);
        }

        if (count == 0)
        {
            throw LlmErrors.Malformed(_providerId, "the stream carried no events", inner: null);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public override string ToString() => $"{nameof(AnthropicChatClient)}({_providerId} at {_metadata.ProviderUri})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Uri EndpointOf(LlmProviderOptions options) =>
        string.IsNullOrWhiteSpace(options.Endpoint) ? DefaultEndpoint : new Uri(options.Endpoint.Trim());

    private static AnthropicClient CreateClient(
        LlmProviderOptions options, string apiKey, HttpClient? httpClient, TimeProvider timeProvider)
    {
        // Every setting is explicit, so ANTHROPIC_BASE_URL and friends in the environment cannot redirect a
        // configured provider behind the configuration's back.
        var clientOptions = new ClientOptions
        {
            BaseUrl = EndpointOf(options).ToString().TrimEnd('/'),
            ApiKey = apiKey,
            MaxRetries = 0,
            Timeout = options.Timeout,
            Handlers = [new AnthropicHttpErrorHandler(options.DisplayId, apiKey, timeProvider)],
        };
        if (httpClient is not null)
        {
            clientOptions = clientOptions with { HttpClient = httpClient };
        }

        return new AnthropicClient(clientOptions);
    }
}
