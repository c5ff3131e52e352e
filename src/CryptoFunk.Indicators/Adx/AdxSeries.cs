namespace CryptoFunk.Indicators;

/// <summary>ADX outputs for a whole series, each the input's length with NaN warm-up values.</summary>
/// <param name="Pdi">Plus directional indicator (+DI).</param>
/// <param name="Mdi">Minus directional indicator (-DI).</param>
/// <param name="Dx">Directional movement index.</param>
/// <param name="Adx">Average directional index.</param>
/// <param name="Adxr">ADX rating.</param>
public sealed record AdxSeries(double[] Pdi, double[] Mdi, double[] Dx, double[] Adx, double[] Adxr);
