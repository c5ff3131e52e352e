namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Picks the template engine by <c>template_format</c> (SK's <c>AggregatorPromptTemplateFactory</c> over the
/// <c>semantic-kernel</c> and <c>handlebars</c> factories).
/// </summary>
public sealed class PromptTemplateFactory : IPromptTemplateFactory
{
    /// <inheritdoc/>
    public IPromptTemplate Create(PromptTemplateConfig config) => config.TemplateFormat switch
    {
        PromptTemplateConfig.SemanticKernelTemplateFormat => new KernelPromptTemplate(config),
        PromptTemplateConfig.HandlebarsTemplateFormat => new HandlebarsPromptTemplate(config),
        var other => throw new PromptTemplateException(
            $"unknown template_format '{other}' (supported: {PromptTemplateConfig.SemanticKernelTemplateFormat}, {PromptTemplateConfig.HandlebarsTemplateFormat})"),
    };
}
