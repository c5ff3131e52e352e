using CryptoFunk.Agents.Backtesting;
using CryptoFunk.Agents.Risk;
using CryptoFunk.Plugins.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>Registers how agents decide together: <see cref="TradingOptions"/> (section <c>Trading</c>), the risk limits and the decision maker.</summary>
public static class TradingServiceCollectionExtensions
{
    /// <summary>The paper broker's section (fees, slippage, shorts).</summary>
    public const string PaperBrokerSection = "PaperBroker";

    /// <summary>Adds <see cref="TradingDecisionMaker"/>, the paper broker's options and the backtest runner, with validated <c>Trading</c> and <c>Risk</c> options.</summary>
    public static IServiceCollection AddTradingDecisions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRiskLimits(configuration);
        services.AddOptions<TradingOptions>()
            .Bind(configuration.GetSection(TradingOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradingOptions>, TradingOptionsValidator>());
        services.TryAddSingleton<TradingDecisionMaker>();
        services.AddOptions<PaperBrokerOptions>().Bind(configuration.GetSection(PaperBrokerSection));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BacktestRunner>();
        return services;
    }
}
