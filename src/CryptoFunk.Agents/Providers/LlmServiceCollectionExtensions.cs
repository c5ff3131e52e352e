using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Providers;

/// <summary>Registers the LLM providers configured under <c>Llm</c>.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LlmOptions"/> from the <c>Llm</c> section with validation, and registers
    /// <see cref="LlmProviderFactory"/> and <see cref="LlmProviderRegistry"/> (which builds the providers on first use).
    /// </summary>
    public static IServiceCollection AddLlmProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
        services.TryAddSingleton<IEnvironmentVariables, ProcessEnvironmentVariables>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        // HttpClient logging must never print the Authorization / x-api-key values.
        services.AddHttpClient(LlmProviderFactory.HttpClientName).RedactLoggedHeaders(_ => true);
        services.TryAddSingleton<LlmProviderFactory>();
        services.TryAddSingleton<LlmProviderRegistry>();
        return services;
    }
}
