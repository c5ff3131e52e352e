using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoFunk.Agents;

/// <summary>Registers the whole agent runtime: database, telemetry, prompts, providers, gateway, rules, the agent factory and the trading decision flow.</summary>
public static class AgentRuntimeServiceCollectionExtensions
{
    /// <summary>Adds everything agents need, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddAgentRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCryptoFunkDatabase(configuration);
        services.AddAgentTelemetry(configuration);
        services.AddPromptLibrary();
        services.AddOptions<PromptLibraryOptions>().Bind(configuration.GetSection(PromptLibraryOptions.SectionName));
        services.AddModelPipeline(configuration);
        services.TryAddSingleton<IRulesEngine, TradingRulesEngine>();
        services.TryAddSingleton<ChatCompletionAgentFactory>();
        services.AddTradingDecisions(configuration);
        return services;
    }
}
