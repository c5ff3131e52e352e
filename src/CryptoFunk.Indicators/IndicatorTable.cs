namespace CryptoFunk.Indicators;

/// <summary>
/// Every indicator column the <c>cryptofunk indicators</c> command writes, computed over a whole candle series with
/// the standard parameters, in the order of <see cref="ColumnNames"/>. <see cref="IndicatorSnapshotStream"/> gives
/// the same values one candle at a time.
/// </summary>
public sealed class IndicatorTable
{
    /// <summary>The column names, in output order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "ema20", "ema50", "ema200", "sma20", "rsi14",
        "macd", "macd_signal", "macd_hist",
        "bb_upper", "bb_middle", "bb_lower", "bb_percent_b", "bb_width",
        "atr14", "adx14", "plus_di14", "minus_di14",
        "stoch_k", "stoch_d", "obv",
    ];

    private IndicatorTable(int rowCount, IReadOnlyList<IndicatorColumn> columns)
    {
        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>Number of candles, and of values in every column.</summary>
    public int RowCount { get; }

    /// <summary>The columns, named and ordered as <see cref="ColumnNames"/>.</summary>
    public IReadOnlyList<IndicatorColumn> Columns { get; }

    /// <summary>Computes every column for <paramref name="candles"/>.</summary>
    public static IndicatorTable Compute(QuoteColumns candles)
    {
        var n = candles.Count;
        var (high, low, close) = (candles.High, candles.Low, candles.Close);
        double[] ema20 = new double[n], ema50 = new double[n], ema200 = new double[n], sma20 = new double[n];
        double[] rsi14 = new double[n], macd = new double[n], macdSignal = new double[n], macdHist = new double[n];
        double[] bbUpper = new double[n], bbMiddle = new double[n], bbLower = new double[n];
        double[] bbPercentB = new double[n], bbWidth = new double[n], atr14 = new double[n];
        double[] adx14 = new double[n], plusDi14 = new double[n], minusDi14 = new double[n];
        double[] stochK = new double[n], stochD = new double[n], obv = new double[n];

        Ema.Calculate(close, 20, ema20);
        Ema.Calculate(close, 50, ema50);
        Ema.Calculate(close, 200, ema200);
        Sma.Calculate(close, 20, sma20);
        Rsi.Calculate(close, 14, rsi14);
        Macd.Calculate(close, 12, 26, 9, macd, macdSignal, macdHist);
        BollingerBands.Calculate(close, 20, 2, bbMiddle, bbUpper, bbLower, bbPercentB, bbWidth);
        Atr.Calculate(high, low, close, 14, atr14);
        Adx.Calculate(high, low, close, 14, plusDi14, minusDi14, adx14);
        Stochastic.Calculate(high, low, close, 14, 3, 3, stochK, stochD);
        Obv.Calculate(close, candles.Volume, obv);

        double[][] values =
        [
            ema20, ema50, ema200, sma20, rsi14, macd, macdSignal, macdHist,
            bbUpper, bbMiddle, bbLower, bbPercentB, bbWidth,
            atr14, adx14, plusDi14, minusDi14, stochK, stochD, obv,
        ];
        var columns = new IndicatorColumn[values.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new IndicatorColumn(ColumnNames[c], values[c]);
        }

        return new IndicatorTable(n, columns);
    }
}
