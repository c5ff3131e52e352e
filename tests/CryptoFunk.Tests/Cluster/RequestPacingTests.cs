using CryptoFunk.Agents.ModelPipeline;

namespace CryptoFunk.Tests.Cluster;

/// <summary>The pacing behind every rate limit: evenly spaced slots, and no credit saved up while idle.</summary>
public sealed class RequestPacingTests
{
    [Test]
    public void Requests_at_once_get_slots_one_interval_apart_and_an_idle_provider_starts_afresh()
    {
        var pacing = new RequestPacing();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var atOnce = Enumerable.Range(0, 4).Select(_ => pacing.Reserve(now, requestsPerMinute: 60)).ToList();
        var later = pacing.Reserve(now.AddMinutes(1), requestsPerMinute: 60);
        var thenAtOnce = pacing.Reserve(now.AddMinutes(1), requestsPerMinute: 60);

        Assert.Multiple(() =>
        {
            Assert.That(atOnce, Is.EqualTo(new[] { 0, 1, 2, 3 }.Select(s => TimeSpan.FromSeconds(s))));
            Assert.That(later, Is.EqualTo(TimeSpan.Zero));
            Assert.That(thenAtOnce, Is.EqualTo(TimeSpan.FromSeconds(1)));
        });
    }
}
