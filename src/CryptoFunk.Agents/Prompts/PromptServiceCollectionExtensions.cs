using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>Registers the prompt library and the template factory.</summary>
public static class PromptServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PromptTemplateFactory"/> (also as SK's <see cref="IPromptTemplateFactory"/>), <see cref="PromptLibrary"/>
    /// and <see cref="IPromptLibrary"/> as singletons; bind <see cref="PromptLibraryOptions"/> (section <c>Prompts</c>) or pass <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddPromptLibrary(this IServiceCollection services, Action<PromptLibraryOptions>? configure = null)
    {
        var options = services.AddOptions<PromptLibraryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<PromptTemplateFactory>();
        services.TryAddSingleton<IPromptTemplateFactory>(sp => sp.GetRequiredService<PromptTemplateFactory>());
        services.TryAddSingleton<PromptLibrary>();
        services.TryAddSingleton<IPromptLibrary>(sp => sp.GetRequiredService<PromptLibrary>());
        return services;
    }
}
