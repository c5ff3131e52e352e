namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A template that does not compile: an unknown construct, a variable that <c>input_variables</c> does not declare,
/// chat markup that is not well-formed. Positions are within the template text (1-based), so the loader can
/// translate them to lines of the prompt file.
/// </summary>
public sealed class PromptTemplateException : FormatException
{
    /// <summary>Creates the error.</summary>
    public PromptTemplateException(string reason, int templateLine = 0, int templateColumn = 0, Exception? innerException = null)
        : base(templateLine > 0 ? $"{reason} (template line {templateLine}, column {templateColumn})" : reason, innerException)
    {
        Reason = reason;
        TemplateLine = templateLine;
        TemplateColumn = templateColumn;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>1-based line inside the template, or 0 when the problem concerns the whole template.</summary>
    public int TemplateLine { get; }

    /// <summary>1-based column inside the template line, or 0.</summary>
    public int TemplateColumn { get; }

    /// <summary>Creates the error at <paramref name="offset"/> characters into <paramref name="template"/>.</summary>
    internal static PromptTemplateException At(string template, int offset, string reason)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < template.Length; i++)
        {
            if (template[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new PromptTemplateException(reason, line, offset - lineStart + 1);
    }
}
