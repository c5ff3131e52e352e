namespace CryptoFunk.Indicators;

/// <summary>ATR outputs for a whole series, each the input's length with NaN warm-up values.</summary>
/// <param name="Tr">True range (NaN for the first candle).</param>
/// <param name="Atr">Average true range.</param>
/// <param name="Atrp">ATR as a percentage of the close.</param>
public sealed record AtrSeries(double[] Tr, double[] Atr, double[] Atrp);
