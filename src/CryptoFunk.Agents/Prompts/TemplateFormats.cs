namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The <c>template_format</c> names our factory compiles, as constants for the reader and the factory (SK exposes the
/// first only as a property and the second in the Handlebars package, which is not served here).
/// </summary>
public static class TemplateFormats
{
    /// <summary>SK's own template syntax: <c>{{$variable}}</c>.</summary>
    public const string SemanticKernel = "semantic-kernel";

    /// <summary>Handlebars syntax: <c>{{variable}}</c>, <c>{{#each}}</c>, <c>{{#if}}</c>.</summary>
    public const string Handlebars = "handlebars";
}
