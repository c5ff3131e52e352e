using System.Globalization;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Binance answered HTTP 418: this IP address is banned for having ignored rate limits. Never retried; every
/// further request fails with this exception until <see cref="BannedUntil"/> without reaching Binance, because
/// requests during a ban lengthen it (bans grow from 2 minutes to 3 days).
/// </summary>
public sealed class BinanceIpBannedException : ExchangeException
{
    /// <summary>Creates the exception; <paramref name="retryAfter"/> is Binance's <c>Retry-After</c>, when given.</summary>
    public BinanceIpBannedException(TimeSpan? retryAfter, DateTimeOffset bannedUntil)
        : base(Describe(retryAfter, bannedUntil))
    {
        RetryAfter = retryAfter;
        BannedUntil = bannedUntil;
    }

    /// <summary>The ban's length as Binance's <c>Retry-After</c> header gave it, if it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>When the ban ends (without a <c>Retry-After</c>, the shortest ban Binance gives is assumed).</summary>
    public DateTimeOffset BannedUntil { get; }

    private static string Describe(TimeSpan? retryAfter, DateTimeOffset bannedUntil)
    {
        var length = retryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"Retry-After {wait.TotalSeconds:0} s")
            : "no Retry-After given, assuming the shortest ban";
        var until = UtcTimestamp.Format(bannedUntil);
        return $"Binance has banned this IP address (HTTP 418 IP ban, {length}); no request is sent before {until}";
    }
}
