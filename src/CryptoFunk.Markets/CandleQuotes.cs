using CryptoFunk.Indicators;

namespace CryptoFunk.Markets;

/// <summary>
/// Turns exchange candles into the columns indicator math reads, converting each <see cref="decimal"/> price to
/// <see cref="double"/> once per series.
/// </summary>
public static class CandleQuotes
{
    /// <summary>The columns of <paramref name="candles"/>, in order.</summary>
    public static QuoteColumns ToColumns(IReadOnlyList<Candle> candles)
    {
        var columns = new QuoteColumns(candles.Count);
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            columns.OpenTime[i] = c.OpenTime;
            columns.Open[i] = (double)c.Open;
            columns.High[i] = (double)c.High;
            columns.Low[i] = (double)c.Low;
            columns.Close[i] = (double)c.Close;
            columns.Volume[i] = (double)c.Volume;
        }

        return columns;
    }
}
