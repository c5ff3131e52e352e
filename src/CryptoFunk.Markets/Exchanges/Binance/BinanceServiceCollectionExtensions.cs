using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>Registers the Binance exchange as the application's <see cref="IExchange"/> and futures sentiment source.</summary>
public static class BinanceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IExchange"/> and <see cref="IFuturesSentimentSource"/> backed by Binance's public REST APIs, with
    /// <see cref="BinanceOptions"/> bound from the <c>Exchange:Binance</c> section of <paramref name="configuration"/>
    /// and validated on first use.
    /// </summary>
    public static IServiceCollection AddBinanceExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BinanceOptions>().Bind(configuration.GetSection(BinanceOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BinanceOptions>, BinanceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BinanceRestClient.HttpClientName, client =>
        {
            // Each attempt is cut by BinanceOptions.RequestTimeout; HttpClient's own 100 s default must not cut first.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("CryptoFunk");
        });
        services.TryAddSingleton<BinanceRequestWeightLimiter>();
        services.TryAddSingleton<BinanceRestClient>();
        services.TryAddSingleton<BinanceExchange>();
        services.TryAddSingleton<IExchange>(provider => provider.GetRequiredService<BinanceExchange>());
        services.TryAddSingleton<IFuturesSentimentSource, BinanceFuturesStatistics>();
        return services;
    }
}
