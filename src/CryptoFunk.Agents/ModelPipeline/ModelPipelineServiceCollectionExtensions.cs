using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>Registers the agents' <see cref="IChatClient"/>: a standard Microsoft.Extensions.AI pipeline over the configured providers.</summary>
public static class ModelPipelineServiceCollectionExtensions
{
    /// <summary>
    /// Most tool round trips one model answer may take (the library's default is 40). An agent finds every number in
    /// its prompt, so a few look-ups are plenty; a model asking for tools forever is then stopped after this many, and
    /// one more request without tools, instead of running up the bill.
    /// </summary>
    public const int MaxToolRoundTrips = 5;

    /// <summary>
    /// Adds the providers, the answer store, the call log and the <see cref="IChatClient"/> agents talk to, built with
    /// <see cref="ChatClientBuilder"/> from the outside in: the tool loop (at most <see cref="MaxToolRoundTrips"/> round
    /// trips), one OpenTelemetry <c>chat</c> span per model call, the call log, record/replay, the answer cache, and
    /// failover over the providers, each behind the model budget and its rate limit (in this process unless an
    /// <see cref="IProviderRateLimiter"/> was registered before, such as a cluster's). Answers live in the database, or in Redis when
    /// <c>Llm:Cache:Redis</c> is set. A <c>Llm:Budget</c> limit that is not positive, or a <c>Llm:Cache</c> setting that
    /// cannot work, fails at start, naming its key.
    /// </summary>
    public static IServiceCollection AddModelPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLlmProviders(configuration);
        services.AddOptions<ModelPipelineOptions>().BindReplacingLists(configuration.GetSection(ModelPipelineOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelPipelineOptions>, ModelPipelineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CacheUnavailableCounter>();
        services.TryAddSingleton<ILlmCacheStore>(provider => string.IsNullOrWhiteSpace(Options(provider).Cache.Redis)
            ? ActivatorUtilities.CreateInstance<DatabaseLlmCacheStore>(provider)
            : ActivatorUtilities.CreateInstance<RedisLlmCacheStore>(provider));
        services.TryAddSingleton<DatabaseLlmCallLog>();
        services.TryAddSingleton<ILlmCallLog>(provider => provider.GetRequiredService<DatabaseLlmCallLog>());
        services.TryAddSingleton<ILlmSpendHistory, DatabaseLlmSpendHistory>();
        services.TryAddSingleton<IAlertSink>(NullAlertSink.Instance);
        services.TryAddSingleton<ModelBudget>();
        services.TryAddSingleton<IProviderRateLimiter, LocalProviderRateLimiter>();
        services.AddChatClient(provider => new FailoverChatClient(
                provider.GetRequiredService<LlmProviderRegistry>(),
                Options(provider).Resilience,
                provider.GetRequiredService<ModelBudget>(),
                provider.GetRequiredService<IProviderRateLimiter>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IAlertSink>(),
                provider.GetRequiredService<ILogger<FailoverChatClient>>()))
            .UseFunctionInvocation(configure: tools => tools.MaximumIterationsPerRequest = MaxToolRoundTrips)
            .UseOpenTelemetry(sourceName: AgentTelemetry.ModelSourceName, configure: telemetry => telemetry.EnableSensitiveData = false)
            .Use((inner, provider) => new CallLogChatClient(
                inner,
                provider.GetRequiredService<ILlmCallLog>(),
                [.. provider.GetRequiredService<LlmProviderRegistry>().Providers.Select(p => p.Id)],
                provider.GetRequiredService<TimeProvider>()))
            .Use((inner, provider) => new ReplayChatClient(inner, provider.GetRequiredService<ILlmCacheStore>(), Options(provider).Mode, provider.GetRequiredService<TimeProvider>()))
            .Use((inner, provider) => new AnswerCacheChatClient(inner, provider.GetRequiredService<ILlmCacheStore>(), Options(provider).Cache, Options(provider).Mode, provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static ModelPipelineOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<ModelPipelineOptions>>().Value;
}
