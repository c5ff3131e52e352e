namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// No model could answer: every provider failed (or none is configured, or the model budget cannot cover the call)
/// and no cached answer fits. The agent falls back to the rules engine, then to HOLD. The message lists each
/// provider's failure, never a credential.
/// </summary>
public sealed class LlmUnavailableException(string message, IReadOnlyList<string> failures, bool noProviderConfigured = false, bool budgetExhausted = false)
    : Exception(message)
{
    /// <summary>Each provider's failure, in the order they were tried.</summary>
    public IReadOnlyList<string> Failures { get; } = failures;

    /// <summary>
    /// True when no provider is configured at all: the rules engine is then the configured way to answer, not a
    /// fallback, so its answers are not degraded.
    /// </summary>
    public bool NoProviderConfigured { get; } = noProviderConfigured;

    /// <summary>True when the model budget refused the call: nothing was sent, and the agent's answer says <c>budget</c>.</summary>
    public bool BudgetExhausted { get; } = budgetExhausted;
}
