namespace CryptoFunk.Cluster.RateLimits;

/// <summary>
/// One provider's rate limit for the whole cluster (key: the provider's id, <c>openai/gpt-4o-mini</c>): every silo's
/// requests to it take their slot here.
/// </summary>
public interface IProviderRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Reserves the next request's slot; how long the caller waits before sending it.</summary>
    Task<TimeSpan> ReserveAsync(int requestsPerMinute);
}
