using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>Registers the span store and the telemetry pipeline.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds telemetry bound to the <c>Telemetry</c> section.</summary>
    public static IServiceCollection AddAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        services.AddSingleton<SpanStore>();
        services.AddSingleton<TraceQueries>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TelemetryOptions>>();
            return new TelemetryPipeline(options, options.Value.StoreSpans ? provider.GetRequiredService<SpanStore>() : null);
        });
        return services;
    }
}
