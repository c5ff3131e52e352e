namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Replay mode found no recording for a request: the run asks for something the recorded run never did (a changed
/// prompt, model, setting or market input). Replay never falls back to a provider, so this stops the run.
/// </summary>
public sealed class LlmReplayMissException(string agent, string promptVersion, string key)
    : Exception($"replay: no recorded answer for agent '{agent}' (prompt version {promptVersion}, key {key[..Math.Min(16, key.Length)]}); record the run first with --llm-mode record, or check that prompts, models and data are unchanged")
{
    /// <summary>The agent whose request missed.</summary>
    public string Agent { get; } = agent;

    /// <summary>The exact-match key that was looked up.</summary>
    public string Key { get; } = key;
}
