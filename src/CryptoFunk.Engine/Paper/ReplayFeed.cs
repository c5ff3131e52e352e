using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Replays candle files on a simulated clock: the closes between <c>from</c> and <c>to</c> of every market, in time
/// order, either as fast as possible or <c>speed</c> times faster than they happened. The histories hold the whole
/// files, and every reader sees only what had closed by the decision time, as live.
/// </summary>
public sealed class ReplayFeed : MarketFeed
{
    private readonly IReadOnlyList<MarketHistory> _markets;
    private readonly IReadOnlyList<DateTimeOffset> _closes;
    private readonly double? _speed;
    private readonly TimeProvider _time;
    private int _next;

    /// <summary>
    /// Replays the closes of candles opening at or after <paramref name="from"/> and closing by <paramref name="to"/>;
    /// <paramref name="speed"/> null means as fast as possible.
    /// </summary>
    /// <exception cref="ArgumentException">The window holds fewer than two closes, or the speed is not positive.</exception>
    public ReplayFeed(IReadOnlyList<MarketHistory> markets, string source, DateTimeOffset from, DateTimeOffset to, double? speed, TimeProvider time)
    {
        if (speed is <= 0 || speed is { } s && !double.IsFinite(s))
        {
            throw new ArgumentException($"--speed must be a positive number or max, was {speed}");
        }

        _closes = [.. markets
            .SelectMany(m => m.Candles.Where(c => c.OpenTime >= from && c.OpenTime + m.Timeframe.Duration <= to).Select(c => c.OpenTime + m.Timeframe.Duration))
            .Distinct()
            .Order()];
        if (_closes.Count < 2)
        {
            throw new ArgumentException(
                $"fewer than two candles close between {UtcTimestamp.Format(from)} and {UtcTimestamp.Format(to)} in {source}");
        }

        _markets = markets;
        _speed = speed;
        _time = time;
        Source = source;
    }

    /// <inheritdoc />
    public override string Source { get; }

    /// <inheritdoc />
    /// <remarks>Candle files hold no order book and no futures sentiment.</remarks>
    public override bool HasOrderBooks => false;

    /// <summary>The first close replayed.</summary>
    public DateTimeOffset FirstClose => _closes[0];

    /// <inheritdoc />
    /// <remarks>The files are held whole, so they reach back as far as they go whatever <paramref name="since"/> is.</remarks>
    public override Task<IReadOnlyList<MarketHistory>> StartAsync(DateTimeOffset? since, CancellationToken cancellationToken) => Task.FromResult(_markets);

    /// <inheritdoc />
    protected override void ResumeFromCore(DateTimeOffset time)
    {
        while (_next < _closes.Count && _closes[_next] < time)
        {
            _next++;
        }
    }

    /// <inheritdoc />
    protected override async Task<MarketClose?> NextCloseCoreAsync(CancellationToken cancellationToken)
    {
        if (_next >= _closes.Count)
        {
            return null;
        }

        if (_speed is { } speed && _next > 0)
        {
            await Task.Delay((_closes[_next] - _closes[_next - 1]) / speed, _time, cancellationToken);
        }

        var time = _closes[_next];
        _next++;
        return new MarketClose(time, [], IsLast: _next == _closes.Count);
    }
}
