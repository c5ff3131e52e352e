namespace CryptoFunk.Agents.Rules;

/// <summary>
/// Answers an agent's output schema deterministically from the same structured context the model would see: what
/// a fresh install without an LLM runs on, and the fallback when every provider fails.
/// </summary>
public interface IRulesEngine
{
    /// <summary>The rules answer for <paramref name="agent"/>, or null when no rule applies (the caller then holds).</summary>
    RulesAnswer? Answer(string agent, IReadOnlyDictionary<string, object?> arguments);
}
