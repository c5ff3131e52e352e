namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>How the model pipeline treats providers and recordings.</summary>
public enum LlmMode
{
    /// <summary>Call providers; serve exact cache hits when the cache is enabled.</summary>
    Live,

    /// <summary>Call providers for every request and store every answer (and every total failure) for replay.</summary>
    Record,

    /// <summary>Never call a provider: serve recorded answers; a request with no recording is an error.</summary>
    Replay,
}
