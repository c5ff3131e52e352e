using System.Globalization;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Fetches, at a close, what the live decisions see beyond candles: each market's order book
/// (<see cref="LiveFeedOptions.OrderBookDepth"/> levels) and its futures sentiment (funding, open interest, long/short
/// ratio, each stamped at or before the close), every request in parallel and all of them cut at
/// <see cref="LiveFeedOptions.MarketDataTimeout"/>. An input that fails, is missing or comes too late is left out with
/// the reason logged; the decision goes on without it rather than wait or fail.
/// </summary>
internal sealed class MarketExtrasFetcher(IExchange exchange, IFuturesSentimentSource futures, IOptions<LiveFeedOptions> options, ILogger logger)
{
    /// <summary>The extras of <paramref name="symbols"/> at the close <paramref name="at"/>.</summary>
    public async Task<IReadOnlyDictionary<MarketSymbol, MarketExtras>> FetchAsync(
        IReadOnlyList<MarketSymbol> symbols, Timeframe timeframe, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.MarketDataTimeout);
        var fetched = await Task.WhenAll(symbols.Select(symbol => FetchAsync(new Fetch(symbol, at, timeout.Token, cancellationToken), timeframe)));
        return symbols.Zip(fetched).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    private async Task<MarketExtras> FetchAsync(Fetch fetch, Timeframe timeframe)
    {
        var symbol = fetch.Symbol;
        var book = TryAsync<OrderBook>(fetch, "order book", async token => await exchange.GetOrderBookAsync(symbol, options.Value.OrderBookDepth, token));
        var funding = TryAsync(fetch, "funding rate", token => futures.GetFundingRateAsync(symbol, fetch.At, token));
        var openInterest = TryAsync(fetch, "open interest", token => futures.GetOpenInterestAsync(symbol, timeframe, fetch.At, token));
        var longShort = TryAsync(fetch, "long/short ratio", token => futures.GetLongShortRatioAsync(symbol, timeframe, fetch.At, token));
        await Task.WhenAll(book, funding, openInterest, longShort);
        var sentiment = new FuturesSentiment(funding.Result, openInterest.Result, longShort.Result);
        return new MarketExtras(book.Result, sentiment.Latest is null ? null : sentiment);
    }

    /// <summary>The input, or null with the reason logged when it failed, was not there or did not come in time.</summary>
    private async Task<T?> TryAsync<T>(Fetch fetch, string input, Func<CancellationToken, Task<T?>> get)
        where T : class
    {
        string reason;
        try
        {
            if (await get(fetch.Token) is { } value)
            {
                return value;
            }

            reason = $"the exchange had none stamped at or before {UtcTimestamp.Format(fetch.At)}";
        }
        catch (ExchangeException e)
        {
            reason = e.Message;
        }
        catch (OperationCanceledException) when (!fetch.Stopping.IsCancellationRequested)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"no answer within {options.Value.MarketDataTimeout.TotalSeconds} s (Paper:MarketDataTimeout)");
        }

        LiveFeedLog.InputMissing(logger, fetch.Symbol.ToString(), UtcTimestamp.Format(fetch.At), input, reason);
        return null;
    }

    /// <summary>One market's fetch at a close: <paramref name="Token"/> ends at the timeout, <paramref name="Stopping"/> only when the run stops.</summary>
    private sealed record Fetch(MarketSymbol Symbol, DateTimeOffset At, CancellationToken Token, CancellationToken Stopping);
}
