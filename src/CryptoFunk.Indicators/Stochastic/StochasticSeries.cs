namespace CryptoFunk.Indicators;

/// <summary>Stochastic oscillator outputs for a whole series, each the input's length with NaN warm-up values.</summary>
/// <param name="Oscillator">%K (smoothed).</param>
/// <param name="Signal">%D.</param>
/// <param name="PercentJ">%J = 3 %K - 2 %D.</param>
public sealed record StochasticSeries(double[] Oscillator, double[] Signal, double[] PercentJ);
