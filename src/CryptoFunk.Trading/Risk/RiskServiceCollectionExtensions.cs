using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Trading.Risk;

/// <summary>Registers the hard risk limits so a bad <c>Risk</c> section stops the host at start, not mid-trade.</summary>
public static class RiskServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RiskLimitsOptions"/> from the <c>Risk</c> section, validated on start, and registers
    /// <see cref="PositionSizer"/> and <see cref="RiskGate"/>.
    /// </summary>
    public static IServiceCollection AddRiskLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RiskLimitsOptions>().Bind(configuration.GetSection(RiskLimitsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RiskLimitsOptions>, RiskLimitsOptionsValidator>());
        services.TryAddSingleton<PositionSizer>();
        services.TryAddSingleton<RiskGate>();
        return services;
    }
}
