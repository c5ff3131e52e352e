namespace CryptoFunk.Indicators;

/// <summary>MACD outputs for a whole series, each the input's length with NaN warm-up values.</summary>
/// <param name="Macd">Fast EMA minus slow EMA.</param>
/// <param name="Signal">EMA of MACD.</param>
/// <param name="Histogram">MACD minus signal.</param>
/// <param name="FastEma">The fast EMA.</param>
/// <param name="SlowEma">The slow EMA.</param>
public sealed record MacdSeries(double[] Macd, double[] Signal, double[] Histogram, double[] FastEma, double[] SlowEma);
