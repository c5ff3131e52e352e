using CryptoFunk.Agents.ModelPipeline;

namespace CryptoFunk.Cluster.RateLimits;

/// <summary>
/// Paces one provider for the cluster. It answers at once with the wait (the caller sleeps, not the grain), so one
/// activation serves any number of waiting requests. Its pacing lives in memory: after the grain moves (its silo
/// left), the next request starts a fresh schedule, at worst one request early. While the cluster is unstable Orleans
/// may briefly run two activations, which could each let the full rate through.
/// </summary>
internal sealed class ProviderRateLimitGrain(TimeProvider time) : Grain, IProviderRateLimitGrain
{
    private readonly RequestPacing _pacing = new();

    /// <inheritdoc />
    public Task<TimeSpan> ReserveAsync(int requestsPerMinute) => Task.FromResult(_pacing.Reserve(time.GetUtcNow(), requestsPerMinute));
}
