using CryptoFunk.Markets.Exchanges.Binance;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Exchanges;

public sealed class BinanceRequestWeightLimiterTests
{
    private InstantTimeProvider _clock = null!;
    private BinanceRequestWeightLimiter _limiter = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new InstantTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 30, TimeSpan.Zero));
        var options = Options.Create(new BinanceOptions { MaxRequestWeightPerMinute = 100, RequestWeightSafetyMargin = 0.2 });
        _limiter = new BinanceRequestWeightLimiter(options, _clock, NullLogger<BinanceRequestWeightLimiter>.Instance);
    }

    [Test]
    public async Task Requests_within_the_budget_less_the_margin_do_not_wait()
    {
        for (var i = 0; i < 40; i++)
        {
            await _limiter.AcquireAsync(2, CancellationToken.None);
        }

        Assert.That(_clock.Waits, Is.Empty);
    }

    [Test]
    public async Task A_request_past_the_budget_waits_for_the_next_minute()
    {
        for (var i = 0; i < 41; i++)
        {
            await _limiter.AcquireAsync(2, CancellationToken.None);
        }

        Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [Test]
    public async Task The_count_reported_by_Binance_is_adopted_when_higher()
    {
        _limiter.Observe(79);

        await _limiter.AcquireAsync(2, CancellationToken.None);

        Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [Test]
    public async Task A_pause_holds_the_next_request()
    {
        _limiter.Pause(TimeSpan.FromSeconds(5));

        await _limiter.AcquireAsync(2, CancellationToken.None);

        Assert.That(_clock.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(5) }));
    }

    [Test]
    public void A_ban_without_Retry_After_assumes_Binance_shortest_ban()
    {
        var ban = _limiter.Ban(retryAfter: null);

        Assert.That(ban.BannedUntil, Is.EqualTo(_clock.GetUtcNow().AddMinutes(2)));
        Assert.That(ban.Message, Does.Contain("no Retry-After given"));
        Assert.ThrowsAsync<BinanceIpBannedException>(() => _limiter.AcquireAsync(1, CancellationToken.None));
    }

    [TestCase(1, 5)]
    [TestCase(100, 5)]
    [TestCase(101, 25)]
    [TestCase(500, 25)]
    [TestCase(1000, 50)]
    [TestCase(5000, 250)]
    public void Depth_weight_follows_Binance_table(int limit, int weight) =>
        Assert.That(BinanceRequestWeights.Depth(limit), Is.EqualTo(weight));
}
