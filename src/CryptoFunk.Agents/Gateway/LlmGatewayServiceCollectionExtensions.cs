using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoFunk.Agents.Gateway;

/// <summary>Registers the providers, the answer store, the call log and the gateway.</summary>
public static class LlmGatewayServiceCollectionExtensions
{
    /// <summary>Adds <see cref="LlmGateway"/> configured from the <c>Llm</c> section and the database.</summary>
    public static IServiceCollection AddLlmGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLlmProviders(configuration);
        services.AddOptions<LlmGatewayOptions>().Bind(configuration.GetSection(LlmGatewayOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILlmCacheStore, DatabaseLlmCacheStore>();
        services.TryAddSingleton<DatabaseLlmCallLog>();
        services.TryAddSingleton<ILlmCallLog>(provider => provider.GetRequiredService<DatabaseLlmCallLog>());
        services.TryAddSingleton<LlmGateway>();
        return services;
    }
}
