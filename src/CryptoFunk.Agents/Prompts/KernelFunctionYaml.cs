using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Reads and writes SK prompt YAML (named after SK's <c>KernelFunctionYaml</c>, whose
/// <c>ToPromptTemplateConfig</c> replaces <see cref="ToPromptTemplateConfig"/> when SK can be used).
/// </summary>
public static class KernelFunctionYaml
{
    /// <summary>
    /// Reads a prompt config strictly: unknown keys, wrong shapes, a missing name or template are refused with
    /// the line and column. <paramref name="sourceName"/> (usually the file path) names the source in errors.
    /// </summary>
    /// <exception cref="PromptFileException">The text is not a valid prompt config.</exception>
    public static PromptTemplateConfig ToPromptTemplateConfig(string text, string sourceName = "prompt") =>
        PromptYamlReader.Read(text, sourceName).Config;

    /// <summary>The YAML text of <paramref name="config"/>; reading it back gives an equal config.</summary>
    public static string ToYaml(PromptTemplateConfig config) => PromptYamlWriter.Write(config);
}
