namespace CryptoFunk.Indicators;

/// <summary>
/// Every standard indicator at one candle, as the agents and the rules engine read them. A value that is not
/// defined yet (warm-up) is <see cref="double.NaN"/>.
/// </summary>
public sealed record IndicatorValues(
    double Ema20,
    double Ema50,
    double Ema200,
    double Sma20,
    double Rsi14,
    double Macd,
    double MacdSignal,
    double MacdHistogram,
    double BollingerUpper,
    double BollingerMiddle,
    double BollingerLower,
    double BollingerPercentB,
    double BollingerWidth,
    double Atr14,
    double Adx14,
    double PlusDi14,
    double MinusDi14,
    double StochasticK,
    double StochasticD,
    double Obv)
{
    /// <summary>The values of row <paramref name="row"/> of a computed table.</summary>
    public static IndicatorValues FromTable(IndicatorTable table, int row)
    {
        double V(int column) => table.Columns[column].Values[row];
        return new IndicatorValues(
            V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9),
            V(10), V(11), V(12), V(13), V(14), V(15), V(16), V(17), V(18), V(19));
    }

    /// <summary>The values in the order of <see cref="IndicatorTable.ColumnNames"/>, the reverse of <see cref="FromTable"/>.</summary>
    public double[] ToColumns() =>
    [
        Ema20, Ema50, Ema200, Sma20, Rsi14, Macd, MacdSignal, MacdHistogram,
        BollingerUpper, BollingerMiddle, BollingerLower, BollingerPercentB, BollingerWidth,
        Atr14, Adx14, PlusDi14, MinusDi14, StochasticK, StochasticD, Obv,
    ];

    /// <summary>The latest values of a stream.</summary>
    public static IndicatorValues FromStream(IndicatorSnapshotStream stream) => new(
        stream.Ema20, stream.Ema50, stream.Ema200, stream.Sma20, stream.Rsi14,
        stream.Macd, stream.MacdSignal, stream.MacdHistogram,
        stream.BollingerUpper, stream.BollingerMiddle, stream.BollingerLower, stream.BollingerPercentB, stream.BollingerWidth,
        stream.Atr14, stream.Adx14, stream.PlusDi14, stream.MinusDi14, stream.StochasticK, stream.StochasticD, stream.Obv);
}
