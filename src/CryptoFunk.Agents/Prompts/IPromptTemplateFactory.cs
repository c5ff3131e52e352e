namespace CryptoFunk.Agents.Prompts;

/// <summary>Compiles a config's template (SK's <c>IPromptTemplateFactory</c>).</summary>
public interface IPromptTemplateFactory
{
    /// <summary>The compiled template for <paramref name="config"/>.</summary>
    /// <exception cref="PromptTemplateException">The template does not compile, or its format is unknown.</exception>
    IPromptTemplate Create(PromptTemplateConfig config);
}
