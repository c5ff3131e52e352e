using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's <see cref="ChatClient"/> for any OpenAI-compatible endpoint
/// (OpenAI, Gemini, Bifrost, LiteLLM, Ollama, vLLM), shaped like dotnet/extensions' <c>OpenAIChatClient</c>, which
/// cannot be restored here. The SDK's retries are off (failover retries) and its network timeout is
/// <c>TimeoutSeconds</c>, which also bounds the wait between two streamed chunks. Every failure surfaces as
/// <see cref="LlmProviderException"/>.
/// </summary>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    /// <summary>The public OpenAI API, used when no endpoint is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private readonly string _providerId;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;
    private readonly int _defaultMaxOutputTokens;
    private readonly string _defaultModel;
    private readonly OpenAIClientOptions _clientOptions;
    private readonly ChatClientMetadata _metadata;
    private readonly ConcurrentDictionary<string, ChatClient> _clientsByModel = new(StringComparer.Ordinal);

    /// <summary>Creates the client for one configured provider.</summary>
    /// <param name="options">The provider's configuration (endpoint, model, timeout, output cap).</param>
    /// <param name="apiKey">The resolved key, or null for servers that need none.</param>
    /// <param name="httpClient">The transport, e.g. from <c>IHttpClientFactory</c>; null uses the SDK's shared one.</param>
    public OpenAICompatibleChatClient(LlmProviderOptions options, string? apiKey, HttpClient? httpClient = null)
    {
        _providerId = options.DisplayId;
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        _timeout = options.Timeout;
        _defaultMaxOutputTokens = options.MaxOutputTokens;
        _defaultModel = options.Model.Trim();
        var endpoint = string.IsNullOrWhiteSpace(options.Endpoint) ? DefaultEndpoint : new Uri(options.Endpoint.Trim());
        _clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = _timeout,
        };
        if (httpClient is not null)
        {
            _clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        if (_apiKey is null)
        {
            _clientOptions.AddPolicy(new NoApiKeyPolicy(), PipelinePosition.BeforeTransport);
        }

        _metadata = new ChatClientMetadata(LlmProviderTypes.OpenAI, EndpointDisplay.Strip(endpoint), _defaultModel);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = OpenAIRequestMapper.ToOpenAIMessages(messages, options);
        var completionOptions = OpenAIRequestMapper.ToCompletionOptions(options, _defaultMaxOutputTokens);
        try
        {
            var result = await ClientFor(options).CompleteChatAsync(request, completionOptions, cancellationToken);
            return OpenAIResponseMapper.FromCompletion(result.Value);
        }
        catch (Exception error) when (OpenAIErrorMapper.TryMap(error, _providerId, _timeout, _apiKey, cancellationToken, out var mapped))
        {
            throw mapped;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = OpenAIRequestMapper.ToOpenAIMessages(messages, options);
        var completionOptions = OpenAIRequestMapper.ToCompletionOptions(options, _defaultMaxOutputTokens);
        var updates = OpenAIResponseMapper.FromStreamingUpdates(
            ClientFor(options).CompleteChatStreamingAsync(request, completionOptions, cancellationToken));

        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        var meaningful = 0;
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception error) when (OpenAIErrorMapper.TryMap(error, _providerId, _timeout, _apiKey, cancellationToken, out var mapped))
            {
                throw mapped;
            }

            var update = enumerator.Current;
            if (update.ResponseId is not null || update.FinishReason is not null || update.Contents.Count > 0)
            {
                meaningful++;
            }

            yield return update;
        }

        if (meaningful == 0)
        {
            throw LlmErrors.Malformed(_providerId, "the stream carried no completion chunks", inner: null);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null :
        serviceType == typeof(ChatClientMetadata) ? _metadata :
        serviceType == typeof(ChatClient) ? ClientFor(null) :
        serviceType.IsInstanceOfType(this) ? this :
        null;

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK's ChatClient holds nothing to release; an injected HttpClient belongs to its factory.
    }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(OpenAICompatibleChatClient)}({_providerId} at {_metadata.ProviderUri})";

    // The SDK binds a ChatClient to one model, so a prompt that names another model gets its own client.
    private ChatClient ClientFor(ChatOptions? options)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? _defaultModel : options.ModelId.Trim();
        return _clientsByModel.GetOrAdd(
            model, m => new ChatClient(m, new ApiKeyCredential(_apiKey ?? NoApiKeyPolicy.PlaceholderKey), _clientOptions));
    }
}
