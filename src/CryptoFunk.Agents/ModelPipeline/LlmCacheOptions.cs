namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>The answer cache (configuration section <c>Llm:Cache</c>).</summary>
public sealed class LlmCacheOptions
{
    /// <summary>Serve exact hits instead of calling a provider (live mode).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Minimum similarity (0..1) of market-state features for the similarity tier; null (the default) turns the tier
    /// off. The design document's example is 0.95.
    /// </summary>
    public double? SimilarityThreshold { get; set; }

    /// <summary>Agents the similarity tier never serves; by default the risk agent, whose answers must fit the exact state.</summary>
    public List<string> SimilarityExcludedAgents { get; set; } = ["risk_management"];
}
