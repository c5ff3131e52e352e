namespace CryptoFunk.Agents.Agents;

/// <summary>
/// The deterministic rules, one per agent: what a fresh install without an LLM runs on, and the fallback when every
/// provider fails. Each agent takes its rule once, when it is created.
/// </summary>
public interface IRulesEngine
{
    /// <summary>The rule answering for <paramref name="agentName"/>, or null when none does (that agent then holds).</summary>
    AgentRule? RuleFor(string agentName);
}
