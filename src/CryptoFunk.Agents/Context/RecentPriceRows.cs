using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Context;

/// <summary>
/// The market context's recent-prices rows, each formatted once: a market's consecutive decisions share all but one
/// of their recent candles, and formatting six numbers per row for every candle of every decision was most of the
/// context's cost. Keeps the rows of the last candles asked for; a candle is known by all its values, so a corrected
/// candle is formatted anew. Not thread-safe: one market's decisions, one at a time.
/// </summary>
public sealed class RecentPriceRows
{
    private Dictionary<Candle, string> _rows = [];
    private Dictionary<Candle, string> _next = [];

    /// <summary>The rows of <paramref name="candles"/>, in order, as <see cref="Format"/> writes them.</summary>
    public IReadOnlyList<string> For(IReadOnlyList<Candle> candles)
    {
        var rows = new string[candles.Count];
        _next.Clear();
        for (var i = 0; i < candles.Count; i++)
        {
            var candle = candles[i];
            if (!_rows.TryGetValue(candle, out var row))
            {
                row = Format(candle);
            }

            _next[candle] = row;
            rows[i] = row;
        }

        (_rows, _next) = (_next, _rows);
        return rows;
    }

    /// <summary>One candle's row: open time, open, high, low, close and volume.</summary>
    public static string Format(Candle candle) => ContextBuilder.Row(
        [ContextFormat.Time(candle.OpenTime), ContextFormat.Price(candle.Open), ContextFormat.Price(candle.High), ContextFormat.Price(candle.Low), ContextFormat.Price(candle.Close), ContextFormat.Price(candle.Volume)]);
}
