namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Rendering failed for a reason the caller can fix, most often a required variable without a value or default;
/// <see cref="VariableName"/> names it so the agent's error says which input was missing.
/// </summary>
public sealed class PromptRenderException : InvalidOperationException
{
    /// <summary>Creates the error.</summary>
    public PromptRenderException(string message, string? variableName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        VariableName = variableName;
    }

    /// <summary>The variable at fault, if one is.</summary>
    public string? VariableName { get; }
}
