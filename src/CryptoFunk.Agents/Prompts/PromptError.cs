namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Why a prompt file was refused: the file, the 1-based line (0 when the problem concerns the whole file), the
/// column when known, and the reason. <see cref="ToString"/> reads <c>FILE:LINE: reason</c> so editors can jump there.
/// </summary>
/// <param name="FilePath">The prompt file.</param>
/// <param name="Line">1-based line, or 0 for the whole file.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Reason">What is wrong, without the location.</param>
/// <param name="PromptName">The prompt's name when it could be read, so requests for it can name this error.</param>
public sealed record PromptError(string FilePath, int Line, int Column, string Reason, string? PromptName = null)
{
    /// <summary><c>FILE:LINE: reason</c>, or <c>FILE: reason</c> when the line is unknown.</summary>
    public override string ToString() => Format(FilePath);

    /// <summary>The same text with <paramref name="displayPath"/> in place of the full path.</summary>
    public string Format(string displayPath) => Line > 0 ? $"{displayPath}:{Line}: {Reason}" : $"{displayPath}: {Reason}";
}
