using System.ComponentModel;
using CryptoFunk.Markets;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// Candles, a 24-hour ticker and the order book of one market as Semantic Kernel functions, answered as of the
/// <see cref="DecisionClock"/>'s time: only candles closed by then, only a book recorded at or before then, so a
/// backtested model cannot read the future through a tool.
/// </summary>
public sealed class MarketDataPlugin
{
    private const int MaxCandles = 500;
    private const int MaxDepth = 100;
    private const string SymbolParameter = "Market as BASE/QUOTE; leave empty for the market being traded.";
    private static readonly TimeSpan TickerWindow = TimeSpan.FromHours(24);
    private static readonly string[] QuoteColumns = ["openTime", "open", "high", "low", "close", "volume"];

    private readonly MarketHistory _history;
    private readonly DecisionClock _clock;
    private readonly Func<DateTimeOffset, OrderBook?>? _orderBookAt;

    /// <summary>
    /// Serves <paramref name="history"/>'s market. <paramref name="orderBookAt"/> returns the latest book recorded at or
    /// before a time, or null; without it (backtests from candles) the order book is reported as not available.
    /// </summary>
    public MarketDataPlugin(MarketHistory history, DecisionClock clock, Func<DateTimeOffset, OrderBook?>? orderBookAt = null)
    {
        _history = history;
        _clock = clock;
        _orderBookAt = orderBookAt;
    }

    [KernelFunction]
    [Description("The latest candles of the market being traded that closed at or before the decision time, oldest first, as rows of [openTime, open, high, low, close, volume]; each candle closes one timeframe after its openTime.")]
    private object GetCandles(
        [Description("How many of the latest closed candles to return, 1 to 500.")] int count = 24,
        [Description(SymbolParameter)] string? symbol = null)
    {
        if (ToolError.ForOtherSymbol(_history.Symbol, symbol) is { } error)
        {
            return error;
        }

        var time = _clock.Time;
        var candles = _history.CandlesUntil(time, Math.Clamp(count, 1, MaxCandles));
        return new CandlesResult(
            _history.Symbol.ToString(),
            _history.Timeframe.Code,
            UtcTimestamp.Format(time),
            QuoteColumns,
            [.. candles.Select(c => new object[]
            {
                UtcTimestamp.Format(c.OpenTime),
                CompactNumber.Amount(c.Open),
                CompactNumber.Amount(c.High),
                CompactNumber.Amount(c.Low),
                CompactNumber.Amount(c.Close),
                CompactNumber.Amount(c.Volume),
            })]);
    }

    [KernelFunction]
    [Description("The last price (the close of the last closed candle) of the market being traded, with the change in percent, high, low and volume over the closed candles of the 24 hours before the decision time.")]
    private object GetTicker([Description(SymbolParameter)] string? symbol = null)
    {
        if (ToolError.ForOtherSymbol(_history.Symbol, symbol) is { } error)
        {
            return error;
        }

        var time = _clock.Time;
        var last = _history.LastClosedIndex(time);
        if (last < 0)
        {
            return new ToolError($"no {_history.Symbol} {_history.Timeframe} candle had closed by {UtcTimestamp.Format(time)}");
        }

        var candles = _history.Candles;
        var first = last;
        while (first > 0 && candles[first - 1].OpenTime >= time - TickerWindow)
        {
            first--;
        }

        decimal high = candles[first].High, low = candles[first].Low, volume = 0m, quoteVolume = 0m;
        for (var i = first; i <= last; i++)
        {
            var c = candles[i];
            high = Math.Max(high, c.High);
            low = Math.Min(low, c.Low);
            volume += c.Volume;
            quoteVolume += c.Volume * (c.High + c.Low + c.Close) / 3m;
        }

        var open = candles[first].Open;
        var close = candles[last].Close;
        return new TickerResult(
            _history.Symbol.ToString(),
            UtcTimestamp.Format(candles[last].OpenTime + _history.Timeframe.Duration),
            CompactNumber.Amount(close),
            CompactNumber.Round((close - open) / open * 100m, 2),
            CompactNumber.Amount(high),
            CompactNumber.Amount(low),
            CompactNumber.Amount(volume),
            CompactNumber.Round(quoteVolume, 2),
            UtcTimestamp.Format(candles[first].OpenTime));
    }

    [KernelFunction]
    [Description("The order book of the market being traded recorded at or before the decision time: best bid and ask, spread, bid/ask quantity imbalance and the top levels as [price, quantity]. Often not available in backtests.")]
    private object GetOrderBook(
        [Description("Price levels per side, 1 to 100.")] int depth = 20,
        [Description(SymbolParameter)] string? symbol = null)
    {
        if (ToolError.ForOtherSymbol(_history.Symbol, symbol) is { } error)
        {
            return error;
        }

        var time = _clock.Time;
        var book = _orderBookAt?.Invoke(time);
        if (book is null || book.Time > time || book.Symbol != _history.Symbol)
        {
            return new ToolError($"order book not available: none of {_history.Symbol} was recorded at or before {UtcTimestamp.Format(time)}; use candles and indicators");
        }

        depth = Math.Clamp(depth, 1, MaxDepth);
        var bids = book.Bids.Take(depth).ToList();
        var asks = book.Asks.Take(depth).ToList();
        var bidQuantity = bids.Sum(level => level.Quantity);
        var askQuantity = asks.Sum(level => level.Quantity);
        decimal? spreadBasisPoints = book.BestBid is { } bid && book.BestAsk is { } ask
            ? CompactNumber.Round((ask.Price - bid.Price) / ((ask.Price + bid.Price) / 2m) * 10_000m, 2)
            : null;
        return new OrderBookResult(
            book.Symbol.ToString(),
            UtcTimestamp.Format(book.Time),
            book.BestBid is { } b ? CompactNumber.Amount(b.Price) : null,
            book.BestAsk is { } a ? CompactNumber.Amount(a.Price) : null,
            spreadBasisPoints,
            CompactNumber.Amount(bidQuantity),
            CompactNumber.Amount(askQuantity),
            bidQuantity + askQuantity > 0 ? CompactNumber.Round((bidQuantity - askQuantity) / (bidQuantity + askQuantity), 4) : null,
            [.. bids.Select(Level)],
            [.. asks.Select(Level)]);
    }

    private static decimal[] Level(OrderBookLevel level) => [CompactNumber.Amount(level.Price), CompactNumber.Amount(level.Quantity)];

    /// <summary>Candles as rows under <see cref="Columns"/>, far shorter in context than one object per candle.</summary>
    private sealed record CandlesResult(
        string Symbol,
        string Timeframe,
        string DecisionTime,
        IReadOnlyList<string> Columns,
        IReadOnlyList<object[]> Candles);

    /// <summary>Rolling 24 hours from closed candles; the quote volume is estimated from each candle's typical price.</summary>
    private sealed record TickerResult(
        string Symbol,
        string Time,
        decimal LastPrice,
        decimal ChangePercent24h,
        decimal High24h,
        decimal Low24h,
        decimal Volume24h,
        decimal QuoteVolume24h,
        string WindowStart);

    /// <summary>The book's top levels as [price, quantity] with the figures a model would otherwise compute.</summary>
    private sealed record OrderBookResult(
        string Symbol,
        string Time,
        decimal? BestBid,
        decimal? BestAsk,
        decimal? SpreadBasisPoints,
        decimal BidQuantity,
        decimal AskQuantity,
        decimal? Imbalance,
        IReadOnlyList<decimal[]> Bids,
        IReadOnlyList<decimal[]> Asks);
}
