using System.Collections.ObjectModel;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Candles from an exchange as they close, on the real clock. A candle is used only once it is final: the feed waits
/// for its close time plus <see cref="LiveFeedOptions.SettleDelay"/>, fetches it again, and takes it only once the
/// exchange has opened the next bar (so it has finished this one); until then it fetches again every
/// <see cref="LiveFeedOptions.PollInterval"/>. A market whose candle is not final within
/// <see cref="LiveFeedOptions.LateCandleTimeout"/>, or that the exchange has none for, skips that close (logged): it
/// is neither settled nor decided, and that candle stays out of this run's history even if it turns up later, so
/// nothing appears behind a close already acted on. Closes that went by before the feed started (while the program
/// was down), and a close whose candles came in only a whole bar late, are delivered as <see cref="MarketClose.Missed"/>:
/// settled, not decided. A close that is decided comes with each market's order book and futures sentiment fetched
/// then (<see cref="MarketClose.Extras"/>; any that cannot be had are left out). Between closes each market keeps its
/// last <see cref="HistoryBars"/> candles, so memory stays flat over weeks.
/// </summary>
public sealed class LiveFeed : MarketFeed
{
    /// <summary>Candles kept per market once trading runs (four times the indicators' warm-up).</summary>
    public const int HistoryBars = 4 * MarketHistory.WarmUpBars;

    private readonly IReadOnlyList<MarketSymbol> _symbols;
    private readonly Timeframe _timeframe;
    private readonly IExchange _exchange;
    private readonly IOptions<LiveFeedOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveFeed> _logger;
    private readonly MarketExtrasFetcher _extras;
    private readonly List<Candle>[] _candles;
    private DateTimeOffset _next;
    private DateTimeOffset _latestAtStart;

    /// <summary>
    /// Creates the feed of <paramref name="symbols"/> (distinct, in the session's order) from <paramref name="exchange"/>,
    /// with futures sentiment from <paramref name="futures"/>.
    /// </summary>
    public LiveFeed(
        IReadOnlyList<MarketSymbol> symbols,
        Timeframe timeframe,
        IExchange exchange,
        IFuturesSentimentSource futures,
        IOptions<LiveFeedOptions> options,
        TimeProvider time,
        ILogger<LiveFeed> logger)
    {
        _symbols = symbols;
        _timeframe = timeframe;
        _exchange = exchange;
        _options = options;
        _time = time;
        _logger = logger;
        _candles = [.. symbols.Select(_ => new List<Candle>())];
        _extras = new MarketExtrasFetcher(exchange, futures, options, logger);
    }

    /// <inheritdoc />
    public override string Source => $"{_exchange.Name} live";

    /// <inheritdoc />
    public override bool HasOrderBooks => true;

    /// <inheritdoc />
    /// <remarks>
    /// Fetches every candle closed (and settled) by now, from <see cref="MarketHistory.WarmUpBars"/> bars before
    /// <paramref name="since"/>, or before the latest close; the next close acted on is the first one after now.
    /// </remarks>
    /// <exception cref="ExchangeException">The exchange could not be reached or refused.</exception>
    /// <exception cref="OptionsValidationException">A <c>Paper:*</c> setting is not valid.</exception>
    public override async Task<IReadOnlyList<MarketHistory>> StartAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var bar = _timeframe.Duration;
        _latestAtStart = LatestClose(_time.GetUtcNow() - _options.Value.SettleDelay);
        _next = _latestAtStart + bar;
        var from = (since ?? _latestAtStart) - (bar * MarketHistory.WarmUpBars);
        var markets = new List<MarketHistory>(_symbols.Count);
        for (var i = 0; i < _symbols.Count; i++)
        {
            // Open times before the latest close: closed and settled, never the bar forming now.
            var candles = await _exchange.GetCandlesAsync(_symbols[i], _timeframe, from, _latestAtStart, null, cancellationToken);
            _candles[i].AddRange(candles);
            markets.Add(new MarketHistory(_symbols[i], _timeframe, [.. candles]));
        }

        return markets;
    }

    /// <inheritdoc />
    /// <exception cref="ExchangeException">The exchange could not be reached, refused, or sent no rules for a market.</exception>
    protected override async Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>?> ExchangeRulesCoreAsync(CancellationToken cancellationToken) =>
        await _exchange.GetExchangeRulesAsync(_symbols, cancellationToken);

    /// <inheritdoc />
    protected override void ResumeFromCore(DateTimeOffset time)
    {
        if (time < _next)
        {
            _next = time;
        }
    }

    /// <inheritdoc />
    protected override async Task<MarketClose?> NextCloseCoreAsync(CancellationToken cancellationToken)
    {
        var bar = _timeframe.Duration;
        while (true)
        {
            var close = _next;
            _next += bar;
            if (close <= _latestAtStart)
            {
                // Went by while the program was down: its candles came with the start's history.
                if (_candles.Any(c => c.Exists(candle => candle.OpenTime + bar == close)))
                {
                    return new MarketClose(close, [], IsLast: false, Missed: true);
                }

                continue;
            }

            var wait = close + _options.Value.SettleDelay - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }

            var arrived = await FinalCandlesAsync(close, cancellationToken);
            var extended = new List<MarketHistory>(_symbols.Count);
            for (var i = 0; i < _symbols.Count; i++)
            {
                if (arrived[i] is { } candle)
                {
                    _candles[i].Add(candle);
                    if (_candles[i].Count > HistoryBars)
                    {
                        _candles[i].RemoveRange(0, _candles[i].Count - HistoryBars);
                    }

                    extended.Add(new MarketHistory(_symbols[i], _timeframe, [.. _candles[i]]));
                }
            }

            if (extended.Count == 0)
            {
                continue;
            }

            var now = _time.GetUtcNow();
            var stale = now >= close + bar;
            if (stale)
            {
                LiveFeedLog.Stale(_logger, UtcTimestamp.Format(close), UtcTimestamp.Format(now));
            }

            // Only a close that is decided needs what the market shows beyond candles; fetched now, at the decision.
            var extras = stale ? ReadOnlyDictionary<MarketSymbol, MarketExtras>.Empty : await _extras.FetchAsync([.. extended.Select(h => h.Symbol)], _timeframe, close, cancellationToken);
            return new MarketClose(close, extended, IsLast: false, Missed: stale) { Extras = extras };
        }
    }

    /// <summary>
    /// Each market's final candle closing at <paramref name="close"/>, or null for a market that skips it; fetched
    /// again until the exchange has opened the next bar or <see cref="LiveFeedOptions.LateCandleTimeout"/> has passed.
    /// </summary>
    private async Task<Candle?[]> FinalCandlesAsync(DateTimeOffset close, CancellationToken cancellationToken)
    {
        var bar = _timeframe.Duration;
        var closeText = UtcTimestamp.Format(close);
        var found = new Candle?[_symbols.Count];
        var done = new bool[_symbols.Count];
        var failures = new string?[_symbols.Count];
        var deadline = close + _options.Value.SettleDelay + _options.Value.LateCandleTimeout;
        while (true)
        {
            for (var i = 0; i < _symbols.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                IReadOnlyList<Candle> candles;
                try
                {
                    candles = await _exchange.GetCandlesAsync(_symbols[i], _timeframe, close - bar, close + bar, null, cancellationToken);
                    failures[i] = null;
                }
                catch (ExchangeException e)
                {
                    failures[i] = e.Message;
                    continue;
                }

                // The exchange has finished a bar once it has opened the next one; the one forming is never kept.
                if (candles.Any(c => c.OpenTime == close))
                {
                    done[i] = true;
                    found[i] = candles.Where(c => c.OpenTime == close - bar).Select(c => (Candle?)c).FirstOrDefault();
                    if (found[i] is null)
                    {
                        LiveFeedLog.Skipped(_logger, _symbols[i].ToString(), closeText, "the exchange opened the next bar without this one");
                    }
                }
            }

            var now = _time.GetUtcNow();
            if (done.All(d => d))
            {
                return found;
            }

            if (now >= deadline)
            {
                for (var i = 0; i < _symbols.Count; i++)
                {
                    if (!done[i])
                    {
                        var reason = failures[i] ?? "its candle was not final by " + UtcTimestamp.Format(deadline);
                        LiveFeedLog.Skipped(_logger, _symbols[i].ToString(), closeText, reason);
                    }
                }

                return found;
            }

            var wait = _options.Value.PollInterval < deadline - now ? _options.Value.PollInterval : deadline - now;
            for (var i = 0; i < _symbols.Count; i++)
            {
                if (!done[i])
                {
                    if (failures[i] is { } failure)
                    {
                        LiveFeedLog.FetchFailed(_logger, _symbols[i].ToString(), closeText, failure, wait);
                    }
                    else
                    {
                        LiveFeedLog.NotFinalYet(_logger, _symbols[i].ToString(), closeText, wait);
                    }
                }
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>The latest bar close at or before <paramref name="time"/> (weekly bars close on Mondays, as Binance's).</summary>
    private DateTimeOffset LatestClose(DateTimeOffset time)
    {
        var bar = _timeframe.Duration;
        var anchor = bar == TimeSpan.FromDays(7) ? DateTimeOffset.UnixEpoch.AddDays(4) : DateTimeOffset.UnixEpoch;
        return anchor + TimeSpan.FromTicks((time - anchor).Ticks / bar.Ticks * bar.Ticks);
    }
}
