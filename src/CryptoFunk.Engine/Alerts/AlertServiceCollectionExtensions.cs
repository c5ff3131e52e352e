using CryptoFunk.Agents.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Alerts;

/// <summary>Registers the alert sink: the webhook's when <c>Alerts:WebhookUrl</c> is set, else one that costs nothing.</summary>
public static class AlertServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAlertSink"/> from <c>Alerts:*</c>; call before the agent runtime, which otherwise adds the null
    /// sink. Bad settings fail when the sink is first needed, with one line naming the key.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAlertSink>(provider => provider.GetRequiredService<IOptions<AlertOptions>>().Value.IsEnabled
            ? ActivatorUtilities.CreateInstance<WebhookAlertSink>(provider)
            : NullAlertSink.Instance);
        return services;
    }
}
