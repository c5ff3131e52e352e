namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Spaces requests to one provider evenly, at most <c>requestsPerMinute</c> a minute: each request is given the next
/// free slot, one interval after the last one given. The arithmetic behind both the in-process limiter and the
/// cluster's limiter grain; not thread-safe (each holder serializes its calls).
/// </summary>
public sealed class RequestPacing
{
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    /// <summary>Reserves the next slot at or after <paramref name="now"/>; how long to wait before sending.</summary>
    public TimeSpan Reserve(DateTimeOffset now, int requestsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerMinute);
        var slot = _nextSlot > now ? _nextSlot : now;
        _nextSlot = slot + (TimeSpan.FromMinutes(1) / requestsPerMinute);
        return slot - now;
    }
}
