using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Builds an <see cref="LlmProvider"/> from one <c>Llm:Providers:N</c> entry: validates it, resolves the key
/// (configuration, else <c>OPENAI_API_KEY</c>/<c>ANTHROPIC_API_KEY</c>) and picks the client for its type.
/// </summary>
public sealed partial class LlmProviderFactory(
    IHttpClientFactory httpClientFactory,
    IEnvironmentVariables environment,
    TimeProvider timeProvider,
    ILogger<LlmProviderFactory> logger)
{
    /// <summary>The <see cref="IHttpClientFactory"/> client name every provider's transport is created with.</summary>
    public const string HttpClientName = "CryptoFunk.Llm";

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
        IChatClient chatClient = string.Equals(options.Type, LlmProviderTypes.Anthropic, StringComparison.OrdinalIgnoreCase)
            ? new AnthropicChatClient(options, apiKey!, httpClient, timeProvider)
            : new OpenAICompatibleChatClient(options, apiKey, httpClient);

        var provider = new LlmProvider(options, chatClient);
        LogCreated(provider.Id, EndpointDisplay.Describe(options.Endpoint), apiKey is not null);
        return provider;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM provider {ProviderId} ready at {Endpoint} (api key set: {HasApiKey})")]
    private partial void LogCreated(string providerId, string endpoint, bool hasApiKey);
}
