namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A prompt file that cannot be used (bad YAML, an unknown key, a template that does not compile), with the file,
/// line and reason so the person editing it can go straight to the problem. Its message reads <c>FILE:LINE: reason</c>.
/// </summary>
public sealed class PromptFileException : FormatException
{
    /// <summary>Wraps <paramref name="error"/>.</summary>
    public PromptFileException(PromptError error, Exception? innerException = null)
        : base(error.ToString(), innerException)
    {
        Error = error;
    }

    /// <summary>Where and why.</summary>
    public PromptError Error { get; }
}
