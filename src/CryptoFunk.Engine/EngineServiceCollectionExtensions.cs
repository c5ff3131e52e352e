using CryptoFunk.Agents;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Engine.Alerts;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine;

/// <summary>
/// Registers the trading engine: the alerts, the agent runtime, the paper broker's and live feed's options, the
/// exchange's order rules for replays and backtests, the backtest runner and the paper trader.
/// </summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The paper broker's section (fees, slippage, shorts).</summary>
    public const string PaperBrokerSection = "PaperBroker";

    /// <summary>
    /// Adds everything a trading run needs, configured from <paramref name="configuration"/>. The alert sink comes
    /// first, so the agent runtime's null sink does not take its place: the webhook's when <c>Alerts:WebhookUrl</c> is
    /// set, else one that costs nothing; bad <c>Alerts:*</c> settings fail when it is first needed, naming the key.
    /// </summary>
    public static IServiceCollection AddTradingEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton<IAlertSink>(provider => provider.GetRequiredService<IOptions<AlertOptions>>().Value.IsEnabled
            ? ActivatorUtilities.CreateInstance<WebhookAlertSink>(provider)
            : NullAlertSink.Instance);
        services.AddAgentRuntime(configuration);
        services.AddOptions<PaperBrokerOptions>().Bind(configuration.GetSection(PaperBrokerSection));
        services.TryAddSingleton(_ => ExchangeRulesConfiguration.Read(configuration));
        services.AddOptions<LiveFeedOptions>().Bind(configuration.GetSection(LiveFeedOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveFeedOptions>, LiveFeedOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BacktestRunner>();
        services.TryAddSingleton<PaperAccountOpener>();
        services.TryAddSingleton<IPaperAccountHost, LocalPaperAccountHost>();
        services.TryAddSingleton<PaperTrader>();
        return services;
    }
}
