namespace CryptoFunk.Agents.Providers;

/// <summary>Why a provider call failed, in terms the failover layer can act on.</summary>
public enum LlmFailureKind
{
    /// <summary>HTTP 429: the provider asked us to slow down; honour <see cref="LlmProviderException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>No answer within <c>TimeoutSeconds</c> (or HTTP 408).</summary>
    Timeout,

    /// <summary>The connection could not be made or broke (refused, DNS, reset).</summary>
    Connection,

    /// <summary>HTTP 5xx, including Anthropic's 529 "overloaded", or an error event in the middle of a stream.</summary>
    ServerError,

    /// <summary>HTTP 401 or 403: the key is wrong or lacks access; retrying will not help.</summary>
    Authentication,

    /// <summary>Any other HTTP 4xx: the request itself is wrong (unknown model, bad schema, too long).</summary>
    InvalidRequest,

    /// <summary>The provider answered with something that is not its wire format (not JSON, empty stream).</summary>
    MalformedResponse,
}
