using System.Text;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Turns one prompt file's bytes into a <see cref="LoadedPrompt"/> or a <see cref="PromptError"/>: decode UTF-8,
/// read the YAML strictly, compile the template, and report template errors at the file's line.
/// </summary>
internal static class PromptFileLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The prompt, or why it cannot be used (never both, never neither).</summary>
    public static (LoadedPrompt? Prompt, PromptError? Error) Load(string path, byte[] content, PromptTemplateFactory factory)
    {
        string text;
        try
        {
            var bom = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = StrictUtf8.GetString(content, bom, content.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return (null, new PromptError(path, 0, 0, "the file is not valid UTF-8"));
        }

        ParsedPromptFile parsed;
        try
        {
            parsed = PromptYamlReader.Read(text, path);
        }
        catch (PromptFileException e)
        {
            return (null, e.Error);
        }

        var config = parsed.Config;
        try
        {
            var template = factory.Create(config);
            var prompt = new LoadedPrompt(config.Name!, PromptVersion.Compute(content), path, config, template) { NameLine = parsed.NameLine };
            return (prompt, null);
        }
        catch (PromptTemplateException e)
        {
            var reason = e.TemplateLine > 0 ? $"{e.Reason} (template line {e.TemplateLine}, column {e.TemplateColumn})" : e.Reason;
            return (null, new PromptError(path, parsed.FileLineOf(e.TemplateLine), 0, reason, config.Name));
        }
    }
}
