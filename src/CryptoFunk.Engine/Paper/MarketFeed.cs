using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Where paper trading gets its candles and its clock: recorded files at a chosen speed, or an exchange live. The
/// trading loop is the same for every feed, so live and replay differ only here.
/// </summary>
public abstract class MarketFeed
{
    private DateTimeOffset? _last;

    /// <summary>Describes the data source for the run record, such as the files replayed.</summary>
    public abstract string Source { get; }

    /// <summary>Whether the feed hands over order books with its closes, so the order-book agents can take part.</summary>
    public abstract bool HasOrderBooks { get; }

    /// <summary>
    /// The markets' histories up to now, including the indicators' warm-up candles. When <paramref name="since"/> is
    /// given (an account continued after a restart: its first stored close) they reach back to it too, so the account
    /// can be rebuilt by settling every stored close again.
    /// </summary>
    public abstract Task<IReadOnlyList<MarketHistory>> StartAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the next close and returns it, or null when the feed has ended. Close times only move forward, so a
    /// feed can never make the loop decide twice at one time or go back in time, and no history it hands over holds a
    /// candle closing after the close, nor futures sentiment stamped after it, so nothing from after a decision can reach it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The feed returned a close at or before the previous one, or a candle
    /// closing after it, or sentiment stamped after it.</exception>
    public async Task<MarketClose?> NextCloseAsync(CancellationToken cancellationToken)
    {
        var close = await NextCloseCoreAsync(cancellationToken);
        if (close is not null)
        {
            if (_last is { } last && close.Time <= last)
            {
                throw new InvalidOperationException($"{Source} went back in time: {UtcTimestamp.Format(close.Time)} after {UtcTimestamp.Format(last)}");
            }

            foreach (var history in close.Extended)
            {
                if (history.Candles.Count > 0 && history.Candles[^1].OpenTime + history.Timeframe.Duration > close.Time)
                {
                    throw new InvalidOperationException(
                        $"{Source} handed over a {history.Symbol} candle opening {UtcTimestamp.Format(history.Candles[^1].OpenTime)}, not closed by {UtcTimestamp.Format(close.Time)}");
                }
            }

            foreach (var (symbol, extras) in close.Extras)
            {
                if (extras.Sentiment?.Latest > close.Time)
                {
                    throw new InvalidOperationException(
                        $"{Source} handed over {symbol} futures sentiment stamped {UtcTimestamp.Format(extras.Sentiment.Latest.Value)}, after the close at {UtcTimestamp.Format(close.Time)}");
                }
            }

            _last = close.Time;
        }

        return close;
    }

    /// <summary>
    /// The exchange's order rules of the markets, when the feed takes them from the exchange (live, asked once at the
    /// start); null when the data is replayed, whose rules come from configuration (<c>Exchange:Rules</c>).
    /// </summary>
    public Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>?> ExchangeRulesAsync(CancellationToken cancellationToken) =>
        ExchangeRulesCoreAsync(cancellationToken);

    /// <summary>
    /// Continues a run after a restart: closes before <paramref name="time"/> were handled by the earlier process and
    /// are not delivered again; the close at <paramref name="time"/> is, so a step a crash cut short can finish.
    /// </summary>
    public void ResumeFrom(DateTimeOffset time) => ResumeFromCore(time);

    /// <summary>The feed's own order rules; by default none, so the configured ones apply.</summary>
    protected virtual Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>?> ExchangeRulesCoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<MarketSymbol, ExchangeRules>?>(null);

    /// <summary>The feed's own skipping of closes before <paramref name="time"/>.</summary>
    protected abstract void ResumeFromCore(DateTimeOffset time);

    /// <summary>The feed's own wait for its next close.</summary>
    protected abstract Task<MarketClose?> NextCloseCoreAsync(CancellationToken cancellationToken);
}
