namespace CryptoFunk.Indicators;

/// <summary>
/// Price bars laid out column by column as <see cref="double"/> arrays (Stock.Indicators calls a bar a quote): the
/// form indicator math reads, so that every indicator runs over contiguous memory.
/// </summary>
public sealed class QuoteColumns
{
    /// <summary>Empty columns for <paramref name="count"/> bars, to be filled by the caller.</summary>
    public QuoteColumns(int count)
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
}
