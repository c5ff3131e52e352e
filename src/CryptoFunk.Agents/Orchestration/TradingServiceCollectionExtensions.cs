using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>Registers how agents decide together: <see cref="TradingOptions"/> (section <c>Trading</c>), the risk limits and the decision maker.</summary>
public static class TradingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="TradingDecisionMaker"/> with validated <c>Trading</c> and <c>Risk</c> options.</summary>
    public static IServiceCollection AddTradingDecisions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRiskLimits(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TradingOptions>()
            .BindReplacingLists(configuration.GetSection(TradingOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradingOptions>, TradingOptionsValidator>());
        services.TryAddSingleton<TradingDecisionMaker>();
        return services;
    }
}
