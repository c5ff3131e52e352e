namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Holds requests to a provider to its <c>Llm:Providers:N:RequestsPerMinute</c>. In one process the limit is kept
/// here (<see cref="LocalProviderRateLimiter"/>); on a cluster one grain per provider keeps it for every silo.
/// </summary>
public interface IProviderRateLimiter
{
    /// <summary>Reserves a request to <paramref name="providerId"/>; how long to wait before sending it.</summary>
    ValueTask<TimeSpan> ReserveAsync(string providerId, int requestsPerMinute, CancellationToken cancellationToken);
}
