using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Markets.Exchanges.Binance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// Builds the Binance exchange and futures statistics through their real DI registration, pointed at a <see cref="FakeBinanceServer"/>
/// with short timeouts and back-off so failure tests stay fast.
/// </summary>
internal static class TestBinance
{
    public static ServiceProvider Services(FakeBinanceServer server, TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Exchange:Binance:BaseUrl"] = server.BaseUrl.ToString(),
            ["Exchange:Binance:FuturesBaseUrl"] = server.BaseUrl.ToString(),
            ["Exchange:Binance:RequestTimeout"] = "00:00:05",
            ["Exchange:Binance:RetryBaseDelay"] = "00:00:00.010",
            ["Exchange:Binance:MaxRetries"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        return services.AddBinanceExchange(configuration).BuildServiceProvider();
    }

    public static IExchange Exchange(ServiceProvider services) => services.GetRequiredService<IExchange>();

    public static IFuturesSentimentSource Futures(ServiceProvider services) => services.GetRequiredService<IFuturesSentimentSource>();
}
