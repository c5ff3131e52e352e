namespace CryptoFunk.Plugins.MarketData;

/// <summary>
/// Candles laid out column by column as <see cref="double"/> arrays: the form indicator math reads, converted
/// from <see cref="decimal"/> once so that every indicator runs over contiguous memory.
/// </summary>
public sealed class CandleColumns
{
    private CandleColumns(int count)
    {
        OpenTime = new DateTimeOffset[count];
        Open = new double[count];
        High = new double[count];
        Low = new double[count];
        Close = new double[count];
        Volume = new double[count];
    }

    /// <summary>Number of candles.</summary>
    public int Count => Close.Length;

    /// <summary>Bar open times, UTC.</summary>
    public DateTimeOffset[] OpenTime { get; }

    /// <summary>Open prices.</summary>
    public double[] Open { get; }

    /// <summary>High prices.</summary>
    public double[] High { get; }

    /// <summary>Low prices.</summary>
    public double[] Low { get; }

    /// <summary>Close prices.</summary>
    public double[] Close { get; }

    /// <summary>Volumes in the base asset.</summary>
    public double[] Volume { get; }

    /// <summary>Converts candles to columns.</summary>
    public static CandleColumns From(IReadOnlyList<Candle> candles)
    {
        var columns = new CandleColumns(candles.Count);
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
