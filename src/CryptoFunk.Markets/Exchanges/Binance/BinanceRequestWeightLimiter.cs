using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Keeps this process under Binance's per-IP request weight limit. Binance counts weight per calendar minute
/// and reports its own count in <c>X-MBX-USED-WEIGHT-1M</c>; we reserve each request's weight before sending,
/// adopt the server's count when it is higher (other programs share the IP), wait for the next minute when the
/// budget is spent, hold every request during a 429 back-off, and refuse to send anything during a 418 ban.
/// One instance is shared by all requests because the limit belongs to the IP, not to a request.
/// </summary>
internal sealed class BinanceRequestWeightLimiter(
    IOptions<BinanceOptions> options,
    TimeProvider timeProvider,
    ILogger<BinanceRequestWeightLimiter> logger)
{
    /// <summary>Binance's shortest IP ban, assumed when a 418 comes without <c>Retry-After</c>.</summary>
    private static readonly TimeSpan ShortestBan = TimeSpan.FromMinutes(2);

    private readonly Lock _lock = new();
    private long _windowMinute = long.MinValue;
    private int _used;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset? _bannedUntil;
    private TimeSpan? _banRetryAfter;

    /// <summary>Waits until <paramref name="weight"/> fits the budget, then reserves it.</summary>
    /// <exception cref="BinanceIpBannedException">The IP is banned; nothing may be sent.</exception>
    public async Task AcquireAsync(int weight, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryReserve(weight);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    /// <summary>Adopts the server's count of weight used this minute when it exceeds ours.</summary>
    public void Observe(int usedWeight)
    {
        lock (_lock)
        {
            RollWindow(timeProvider.GetUtcNow());
            _used = Math.Max(_used, usedWeight);
        }
    }

    /// <summary>Holds every request for <paramref name="wait"/> (a 429's <c>Retry-After</c>).</summary>
    public void Pause(TimeSpan wait)
    {
        lock (_lock)
        {
            var until = timeProvider.GetUtcNow() + wait;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>Time left until Binance's weight counter starts a new minute.</summary>
    public TimeSpan UntilNextWindow()
    {
        var now = timeProvider.GetUtcNow();
        return NextWindowStart(now) - now;
    }

    /// <summary>Records a 418 ban so that no further request is sent before it ends; returns the exception to throw.</summary>
    public BinanceIpBannedException Ban(TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            _banRetryAfter = retryAfter;
            _bannedUntil = timeProvider.GetUtcNow() + (retryAfter ?? ShortestBan);
            return new BinanceIpBannedException(_banRetryAfter, _bannedUntil.Value);
        }
    }

    private TimeSpan TryReserve(int weight)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_bannedUntil is { } bannedUntil)
            {
                if (now < bannedUntil)
                {
                    throw new BinanceIpBannedException(_banRetryAfter, bannedUntil);
                }

                _bannedUntil = null;
            }

            if (now < _pausedUntil)
            {
                return _pausedUntil - now;
            }

            RollWindow(now);
            var budget = options.Value.RequestWeightBudgetPerMinute;
            if (_used == 0 || _used + weight <= budget)
            {
                _used += weight;
                return TimeSpan.Zero;
            }

            var wait = NextWindowStart(now) - now;
            BinanceLog.WeightBudgetExhausted(logger, budget, _used, wait);
            return wait;
        }
    }

    private void RollWindow(DateTimeOffset now)
    {
        var minute = now.ToUnixTimeMilliseconds() / 60_000;
        if (minute != _windowMinute)
        {
            _windowMinute = minute;
            _used = 0;
        }
    }

    private static DateTimeOffset NextWindowStart(DateTimeOffset now) =>
        DateTimeOffset.FromUnixTimeMilliseconds(((now.ToUnixTimeMilliseconds() / 60_000) + 1) * 60_000);
}
