namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>The rate limit of every provider kept in this process: one <see cref="RequestPacing"/> per provider.</summary>
public sealed class LocalProviderRateLimiter(TimeProvider time) : IProviderRateLimiter
{
    private readonly Dictionary<string, RequestPacing> _providers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask<TimeSpan> ReserveAsync(string providerId, int requestsPerMinute, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_providers.TryGetValue(providerId, out var pacing))
            {
                pacing = new RequestPacing();
                _providers.Add(providerId, pacing);
            }

            return ValueTask.FromResult(pacing.Reserve(time.GetUtcNow(), requestsPerMinute));
        }
    }
}
