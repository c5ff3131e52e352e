using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Builds an <see cref="LlmProvider"/> from one <c>Llm:Providers:N</c> entry: validates it, resolves the key
/// (configuration, else <c>OPENAI_API_KEY</c>/<c>ANTHROPIC_API_KEY</c>) and creates the vendor SDK's own
/// <see cref="IChatClient"/> (Microsoft.Extensions.AI.OpenAI for every OpenAI-compatible endpoint, the Anthropic SDK's
/// <c>AsIChatClient</c>) with its retries off, behind <see cref="ProviderErrorChatClient"/>.
/// </summary>
public sealed partial class LlmProviderFactory(
    IHttpClientFactory httpClientFactory,
    IEnvironmentVariables environment,
    TimeProvider timeProvider,
    ILogger<LlmProviderFactory> logger)
{
    /// <summary>The <see cref="IHttpClientFactory"/> client name every provider's transport is created with.</summary>
    public const string HttpClientName = "CryptoFunk.Llm";

    /// <summary>The public OpenAI API, used when no endpoint is configured.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>The public Anthropic API, used when no endpoint is configured.</summary>
    public static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");

    private readonly LlmOptionsValidator _validator = new(environment);

    /// <summary>Creates the provider; <paramref name="configurationKey"/> (e.g. <c>Llm:Providers:0</c>) prefixes errors.</summary>
    /// <exception cref="OptionsValidationException">The entry is invalid; the message names the keys.</exception>
    public LlmProvider Create(LlmProviderOptions options, string configurationKey = "Llm:Providers:?")
    {
        var errors = _validator.ProviderErrors(options, configurationKey).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(LlmOptions.SectionName, typeof(LlmProviderOptions), errors);
        }

        var apiKey = ApiKeyResolver.Resolve(options, environment);
        var httpClient = httpClientFactory.CreateClient(HttpClientName);

        // The SDKs enforce TimeoutSeconds themselves; HttpClient's own 100 s default must not cut in first.
        httpClient.Timeout = Timeout.InfiniteTimeSpan;
        var model = options.Model.Trim();
        var isAnthropic = string.Equals(options.Type, LlmProviderTypes.Anthropic, StringComparison.OrdinalIgnoreCase);
        var endpoint = string.IsNullOrWhiteSpace(options.Endpoint) ? (isAnthropic ? AnthropicEndpoint : OpenAIEndpoint) : new Uri(options.Endpoint.Trim());
        var sdk = isAnthropic ? Anthropic(options, endpoint, apiKey, httpClient) : OpenAI(options, endpoint, apiKey, httpClient);
        var metadata = new ChatClientMetadata(isAnthropic ? LlmProviderTypes.Anthropic : LlmProviderTypes.OpenAI, EndpointDisplay.Strip(endpoint), model);
        var chatClient = new ChatClientBuilder(sdk)
            .Use(inner => new ProviderErrorChatClient(inner, options.DisplayId, options.Timeout, apiKey, isAnthropic ? AnthropicErrorMapper.TryMap : OpenAIErrorMapper.TryMap, metadata))
            .ConfigureOptions(chat =>
            {
                chat.ModelId ??= model;
                chat.MaxOutputTokens ??= options.MaxOutputTokens;
            })
            .Build();

        var provider = new LlmProvider(options, chatClient);
        LogCreated(provider.Id, EndpointDisplay.Describe(options.Endpoint), apiKey is not null);
        return provider;
    }

    private static IChatClient OpenAI(LlmProviderOptions options, Uri endpoint, string? apiKey, HttpClient httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
            Transport = new HttpClientPipelineTransport(httpClient),
        };
        if (apiKey is null)
        {
            clientOptions.AddPolicy(new NoApiKeyPolicy(), PipelinePosition.BeforeTransport);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey ?? NoApiKeyPolicy.PlaceholderKey), clientOptions).GetChatClient(options.Model.Trim()).AsIChatClient();
    }

    private IChatClient Anthropic(LlmProviderOptions options, Uri endpoint, string? apiKey, HttpClient httpClient)
    {
        // Every setting is explicit, so ANTHROPIC_BASE_URL and friends in the environment cannot redirect a
        // configured provider behind the configuration's back. The SDK's own spans are off: the pipeline's
        // UseOpenTelemetry() makes the one chat span of each call.
        var client = new AnthropicClient(new ClientOptions
        {
            BaseUrl = endpoint.ToString().TrimEnd('/'),
            ApiKey = apiKey,
            MaxRetries = 0,
            Timeout = options.Timeout,
            Handlers = [new AnthropicHttpErrorHandler(options.DisplayId, apiKey, timeProvider)],
            HttpClient = httpClient,
            OpenTelemetry = false,
        });
        return client.AsIChatClient(options.Model.Trim(), options.MaxOutputTokens);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM provider {ProviderId} ready at {Endpoint} (api key set: {HasApiKey})")]
    private partial void LogCreated(string providerId, string endpoint, bool hasApiKey);
}
