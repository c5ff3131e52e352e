namespace CryptoFunk.Indicators;

/// <summary>One named column of an <see cref="IndicatorTable"/>: one value per candle, NaN where undefined.</summary>
/// <param name="Name">Column name as the CLI writes it, such as <c>ema20</c>.</param>
/// <param name="Values">One value per candle.</param>
public sealed record IndicatorColumn(string Name, double[] Values);
