namespace CryptoFunk.Indicators;

/// <summary>Bollinger Bands outputs for a whole series, each the input's length with NaN warm-up values.</summary>
/// <param name="Sma">Middle band.</param>
/// <param name="UpperBand">Upper band.</param>
/// <param name="LowerBand">Lower band.</param>
/// <param name="PercentB">Position between the bands (%B).</param>
/// <param name="ZScore">Standard deviations from the middle band.</param>
/// <param name="Width">Band distance relative to the middle band.</param>
public sealed record BollingerBandsSeries(
    double[] Sma, double[] UpperBand, double[] LowerBand, double[] PercentB, double[] ZScore, double[] Width);
