using CryptoFunk.Agents.ModelPipeline;

namespace CryptoFunk.Cluster.RateLimits;

/// <summary>The providers' rate limits kept by the cluster (<see cref="IProviderRateLimitGrain"/>), so every silo's calls count together.</summary>
public sealed class ClusterProviderRateLimiter(IGrainFactory grains) : IProviderRateLimiter
{
    /// <inheritdoc />
    public async ValueTask<TimeSpan> ReserveAsync(string providerId, int requestsPerMinute, CancellationToken cancellationToken) =>
        await grains.GetGrain<IProviderRateLimitGrain>(providerId).ReserveAsync(requestsPerMinute);
}
