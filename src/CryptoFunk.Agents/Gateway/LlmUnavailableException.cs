namespace CryptoFunk.Agents.Gateway;

/// <summary>
/// No model could answer: every provider failed (or none is configured) and no cached answer fits. The caller falls
/// back to the rules engine, then to HOLD. The message lists each provider's failure, never a credential.
/// </summary>
public sealed class LlmUnavailableException(string message, IReadOnlyList<string> failures) : Exception(message)
{
    /// <summary>Each provider's failure, in the order they were tried.</summary>
    public IReadOnlyList<string> Failures { get; } = failures;
}
