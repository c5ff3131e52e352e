using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A prompt file's config plus where its template starts in the file, so template errors can be reported at
/// the file's line rather than the template's.
/// </summary>
/// <param name="Config">The config as read.</param>
/// <param name="TemplateLine">The file line of the <c>template</c> value (for a block scalar, the line of <c>|</c>).</param>
/// <param name="TemplateIsBlock">Whether the template is a literal or folded block, whose line N is file line <c>TemplateLine + N</c>.</param>
/// <param name="NameLine">The file line of the <c>name</c> value, for errors about the name (e.g. duplicates).</param>
internal sealed record ParsedPromptFile(PromptTemplateConfig Config, int TemplateLine, bool TemplateIsBlock, int NameLine)
{
    /// <summary>The file line of template line <paramref name="templateLine"/>.</summary>
    public int FileLineOf(int templateLine) =>
        templateLine <= 0 ? TemplateLine : TemplateIsBlock ? TemplateLine + templateLine : TemplateLine;
}
