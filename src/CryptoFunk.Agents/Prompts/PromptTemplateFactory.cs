using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Our compiled templates as an SK <see cref="IPromptTemplateFactory"/>: picks the engine by <c>template_format</c>
/// (as SK's <c>AggregatorPromptTemplateFactory</c> over the <c>semantic-kernel</c> and <c>handlebars</c> factories),
/// so a <see cref="Kernel"/> can run our prompt files with the same rendering the agents use.
/// </summary>
public sealed class PromptTemplateFactory : IPromptTemplateFactory
{
    /// <summary>The compiled template for <paramref name="config"/>.</summary>
    /// <exception cref="PromptTemplateException">The template does not compile, or its format is unknown.</exception>
    public IChatPromptTemplate Create(PromptTemplateConfig config) =>
        TryCreate(config, out var template)
            ? (IChatPromptTemplate)template
            : throw new PromptTemplateException(
                $"unknown template_format '{config.TemplateFormat}' (supported: {TemplateFormats.SemanticKernel}, {TemplateFormats.Handlebars})");

    /// <inheritdoc/>
    /// <exception cref="PromptTemplateException">The format is known but the template does not compile.</exception>
    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        result = templateConfig.TemplateFormat switch
        {
            TemplateFormats.SemanticKernel => new KernelPromptTemplate(templateConfig),
            TemplateFormats.Handlebars => new HandlebarsPromptTemplate(templateConfig),
            _ => null,
        };
        return result is not null;
    }
}
