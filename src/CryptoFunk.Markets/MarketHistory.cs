using CryptoFunk.Indicators;

namespace CryptoFunk.Markets;

/// <summary>
/// A candle series viewed as of any decision time: a candle is visible only once it has closed
/// (open time + bar length ≤ decision time), so no snapshot, candle list or indicator can leak what happened
/// later. Indicators are computed once for the whole series; they are causal, so row <c>i</c> depends only on
/// candles up to <c>i</c>.
/// </summary>
public sealed class MarketHistory
{
    /// <summary>
    /// Candles needed before the first decision so the slowest indicator (EMA 200) is defined there, with room to
    /// spare: backtests and paper trading fetch this many bars before the first close they act on.
    /// </summary>
    public const int WarmUpBars = 250;

    private readonly IReadOnlyList<Candle> _candles;
    private readonly IndicatorTable _indicators;

    /// <summary>Wraps <paramref name="candles"/> (ascending, one symbol and timeframe).</summary>
    public MarketHistory(MarketSymbol symbol, Timeframe timeframe, IReadOnlyList<Candle> candles)
    {
        Symbol = symbol;
        Timeframe = timeframe;
        _candles = candles;
        _indicators = IndicatorTable.Compute(CandleQuotes.ToColumns(candles));
    }

    /// <summary>The market.</summary>
    public MarketSymbol Symbol { get; }

    /// <summary>Bar length.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>All candles, for the broker and reports; agents read through the time-bounded members.</summary>
    public IReadOnlyList<Candle> Candles => _candles;

    /// <summary>Index of the last candle closed at or before <paramref name="time"/>, or -1 when none has.</summary>
    public int LastClosedIndex(DateTimeOffset time)
    {
        var cutoff = time - Timeframe.Duration;
        int low = 0, high = _candles.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (_candles[mid].OpenTime <= cutoff)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Up to <paramref name="count"/> candles closed at or before <paramref name="time"/>, oldest first.</summary>
    public IReadOnlyList<Candle> CandlesUntil(DateTimeOffset time, int count)
    {
        var last = LastClosedIndex(time);
        if (last < 0 || count <= 0)
        {
            return [];
        }

        var first = Math.Max(0, last - count + 1);
        var result = new Candle[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            result[i - first] = _candles[i];
        }

        return result;
    }

    /// <summary>The market as known at <paramref name="time"/>; fails when no candle has closed by then.</summary>
    public MarketSnapshot SnapshotAt(DateTimeOffset time, int recentCandles = 24)
    {
        var last = LastClosedIndex(time);
        if (last < 0)
        {
            throw new InvalidOperationException(
                $"no {Symbol} {Timeframe} candle had closed by {UtcTimestamp.Format(time)}; the data starts at {(_candles.Count > 0 ? UtcTimestamp.Format(_candles[0].OpenTime) : "nothing")}");
        }

        return new MarketSnapshot(
            Symbol,
            Timeframe,
            time,
            CandlesUntil(time, recentCandles),
            IndicatorValues.FromTable(_indicators, last),
            last > 0 ? IndicatorValues.FromTable(_indicators, last - 1) : null,
            OrderBook: null);
    }

    /// <summary>
    /// The first candle that opens at or after <paramref name="time"/>: where a market order placed at that time
    /// fills. For the broker only; it is in the decision's future.
    /// </summary>
    public Candle? FirstCandleFrom(DateTimeOffset time)
    {
        int low = 0, high = _candles.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (_candles[mid].OpenTime >= time)
            {
                found = mid;
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return found < 0 ? null : _candles[found];
    }
}
