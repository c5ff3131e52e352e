using CryptoFunk.Indicators;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Our batch outputs under Skender's names: indicator names as in <c>expected.json</c> (RSI, EMA20, MACD...) or
/// <c>raw/&lt;name&gt;.standard.json</c> (rsi, ema, bb, stoch, tr...), fields as in Skender's result classes
/// (Rsi, UpperBand, Pdi...), all case-insensitive, at the parameters Skender's references use.
/// </summary>
internal static class SkenderOutputs
{
    private static readonly Dictionary<string, Func<QuoteColumns, Dictionary<string, double[]>>> Indicators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["SMA20"] = c => Fields(("Sma", Sma.Calculate(c.Close, 20))),
            ["EMA20"] = c => Fields(("Ema", Ema.Calculate(c.Close, 20))),
            ["EMA50"] = c => Fields(("Ema", Ema.Calculate(c.Close, 50))),
            ["RSI"] = c => Fields(("Rsi", Rsi.Calculate(c.Close, 14))),
            ["MACD"] = c =>
            {
                var s = Macd.Calculate(c.Close, 12, 26, 9);
                return Fields(("Macd", s.Macd), ("Signal", s.Signal), ("Histogram", s.Histogram), ("FastEma", s.FastEma), ("SlowEma", s.SlowEma));
            },
            ["BollingerBands"] = c =>
            {
                var s = BollingerBands.Calculate(c.Close, 20, 2);
                return Fields(
                    ("Sma", s.Sma), ("UpperBand", s.UpperBand), ("LowerBand", s.LowerBand),
                    ("PercentB", s.PercentB), ("ZScore", s.ZScore), ("Width", s.Width));
            },
            ["ATR"] = c =>
            {
                var s = Atr.Calculate(c, 14);
                return Fields(("Tr", s.Tr), ("Atr", s.Atr), ("Atrp", s.Atrp));
            },
            ["ADX"] = c =>
            {
                var s = Adx.Calculate(c, 14);
                return Fields(("Pdi", s.Pdi), ("Mdi", s.Mdi), ("Dx", s.Dx), ("Adx", s.Adx), ("Adxr", s.Adxr));
            },
            ["Stochastic"] = c =>
            {
                var s = Stochastic.Calculate(c, 14, 3, 3);
                return Fields(
                    ("Oscillator", s.Oscillator), ("Signal", s.Signal), ("PercentJ", s.PercentJ),
                    ("K", s.Oscillator), ("D", s.Signal), ("J", s.PercentJ));
            },
            ["OBV"] = c => Fields(("Obv", Obv.Calculate(c))),
        };

    private static readonly Dictionary<string, string> RawFileAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sma"] = "SMA20", ["ema"] = "EMA20", ["rsi"] = "RSI", ["macd"] = "MACD", ["bb"] = "BollingerBands",
        ["atr"] = "ATR", ["tr"] = "ATR", ["adx"] = "ADX", ["stoch"] = "Stochastic", ["obv"] = "OBV",
    };

    /// <summary>Raw series Skender publishes that we do not implement, so their files are not compared.</summary>
    public static IReadOnlySet<string> NotImplementedRawSeries { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "smma", "stdev", "wma" };

    public static bool Has(string name) => Indicators.ContainsKey(name) || RawFileAliases.ContainsKey(name);

    /// <summary>Every output of the named indicator over <paramref name="candles"/>, keyed by Skender field name.</summary>
    public static IReadOnlyDictionary<string, double[]> For(string name, QuoteColumns candles) =>
        Indicators[RawFileAliases.GetValueOrDefault(name, name)](candles);

    private static Dictionary<string, double[]> Fields(params (string Name, double[] Values)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Values, StringComparer.OrdinalIgnoreCase);
}
