namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A requested prompt cannot be used: no file defines it, or its file never loaded successfully. When files are at
/// fault, <see cref="Errors"/> holds their problems (and the message names them), so the agent's failure says
/// which file and line to fix.
/// </summary>
public sealed class PromptUnavailableException : KeyNotFoundException
{
    /// <summary>Creates the error.</summary>
    public PromptUnavailableException(string promptName, string message, IReadOnlyList<PromptError> errors)
        : base(message)
    {
        PromptName = promptName;
        Errors = errors;
    }

    /// <summary>The prompt that was asked for.</summary>
    public string PromptName { get; }

    /// <summary>The problems of the files that define (or should define) it; empty when no file does.</summary>
    public IReadOnlyList<PromptError> Errors { get; }
}
