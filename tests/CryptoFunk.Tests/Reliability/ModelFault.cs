namespace CryptoFunk.Tests.Reliability;

/// <summary>How the chaos model answers one request: properly, or in one of the ways a provider can fail.</summary>
internal enum ModelFault
{
    /// <summary>A proper answer.</summary>
    None,

    /// <summary>HTTP 429 with <c>Retry-After</c> short enough to wait for.</summary>
    RateLimited,

    /// <summary>HTTP 429 with <c>Retry-After</c> beyond <c>Llm:Resilience:MaxRetryAfter</c>: the pipeline moves on.</summary>
    RateLimitedLong,

    /// <summary>HTTP 500 with OpenAI's error body.</summary>
    ServerError,

    /// <summary>HTTP 503 with a proxy's HTML page.</summary>
    Unavailable,

    /// <summary>Never answers: the provider's timeout must cut it.</summary>
    Hang,

    /// <summary>HTTP 200 whose completion is cut mid-body and the connection dropped.</summary>
    Truncated,

    /// <summary>HTTP 200 whose body is an HTML page, not JSON.</summary>
    NotJson,

    /// <summary>A completion whose content is prose instead of a JSON object.</summary>
    Prose,

    /// <summary>A completion whose content is valid JSON of the wrong types for every agent's answer schema.</summary>
    WrongTypes,

    /// <summary>A completion with an empty <c>choices</c> array.</summary>
    EmptyChoices,

    /// <summary>HTTP 503 from the primary provider during its outage window.</summary>
    Outage,
}
