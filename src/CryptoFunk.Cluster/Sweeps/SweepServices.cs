using CryptoFunk.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// The services of one sweep combination: the program's configuration with the combination's keys on top, and the
/// trading engine registered from it in a container of its own, so every option (prompts, risk, trading, models) is
/// bound from the combination's values exactly as a lone <c>backtest</c> would bind them, with no state shared between
/// combinations except what lives outside (the database, the answer cache, the cluster's rate limits).
/// </summary>
public static class SweepServices
{
    /// <summary><paramref name="program"/>'s configuration with <paramref name="settings"/> winning.</summary>
    public static IConfigurationRoot Configuration(IConfiguration program, IEnumerable<SweepSetting> settings) =>
        new ConfigurationBuilder()
            .AddConfiguration(program, shouldDisposeConfiguration: false)
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    /// <summary>
    /// The engine's services bound from <paramref name="configuration"/>, logging through <paramref name="loggers"/>;
    /// <paramref name="configure"/> registers what must win over the engine's defaults (such as the cluster's rate limiter).
    /// </summary>
    public static ServiceProvider Create(IConfiguration configuration, ILoggerFactory loggers, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        configure?.Invoke(services);
        services.AddTradingEngine(configuration);
        return services.BuildServiceProvider();
    }
}
