using CryptoFunk.Indicators;

namespace CryptoFunk.Agents.Context;

/// <summary>
/// The design document's interpretation thresholds, in one place for the context text and the rules engine:
/// RSI below 30 oversold and above 70 overbought, ADX above 25 a strong trend, EMA 50/200 crossovers, price beyond
/// the Bollinger bands; and for futures positioning, funding far above its usual 0.01 % or below zero, and a long/short
/// account split two to one either way, marking a crowd leaning to one side.
/// </summary>
public static class Readings
{
    /// <summary>RSI at or below this is oversold.</summary>
    public const double Oversold = 30;

    /// <summary>RSI at or above this is overbought.</summary>
    public const double Overbought = 70;

    /// <summary>ADX above this is a strong trend.</summary>
    public const double StrongTrend = 25;

    /// <summary>ADX above this is a mature trend.</summary>
    public const double MatureTrend = 40;

    /// <summary>Funding per period at or above this (0.05 %, five times Binance's usual 0.01 %): longs pay a rich premium to stay long.</summary>
    public const decimal HighFunding = 0.0005m;

    /// <summary>Funding per period at or below this (-0.01 %): shorts pay longs to stay short.</summary>
    public const decimal NegativeFunding = -0.0001m;

    /// <summary>Long accounts per short account at or above this (two thirds long): the long side is crowded.</summary>
    public const decimal CrowdedLongs = 2m;

    /// <summary>Long accounts per short account at or below this (two thirds short): the short side is crowded.</summary>
    public const decimal CrowdedShorts = 0.5m;

    /// <summary>A change of open interest beyond this fraction since the previous reading is money moving in or out.</summary>
    public const double OpenInterestMove = 0.01;

    /// <summary>RSI in words.</summary>
    public static string Rsi(double rsi) => rsi switch
    {
        double.NaN => "not defined yet",
        < Oversold => "oversold",
        > Overbought => "overbought",
        _ => "neutral",
    };

    /// <summary>ADX in words.</summary>
    public static string Adx(IndicatorValues i) => i.Adx14 switch
    {
        double.NaN => "not defined yet",
        > MatureTrend => $"very strong trend ({Direction(i)})",
        > StrongTrend => $"strong trend ({Direction(i)})",
        _ => "weak or no trend (ranging)",
    };

    /// <summary>MACD in words, with a crossover when the histogram changed sign since the previous candle.</summary>
    public static string Macd(IndicatorValues i, IndicatorValues? previous)
    {
        if (double.IsNaN(i.MacdHistogram))
        {
            return "not defined yet";
        }

        var crossed = previous is { } p && !double.IsNaN(p.MacdHistogram) && Math.Sign(p.MacdHistogram) != Math.Sign(i.MacdHistogram);
        var side = i.MacdHistogram >= 0 ? "bullish (MACD above signal)" : "bearish (MACD below signal)";
        return crossed ? $"{side}, crossed on the last candle" : side;
    }

    /// <summary>Where the price is relative to the bands.</summary>
    public static string Bollinger(double price, IndicatorValues i) => i switch
    {
        _ when double.IsNaN(i.BollingerUpper) => "not defined yet",
        _ when price > i.BollingerUpper => "price above the upper band",
        _ when price < i.BollingerLower => "price below the lower band",
        _ => "price inside the bands",
    };

    /// <summary>The EMA 50/200 relationship, naming a golden or death cross on the last candle.</summary>
    public static string EmaCross(IndicatorValues i, IndicatorValues? previous)
    {
        if (double.IsNaN(i.Ema200) || double.IsNaN(i.Ema50))
        {
            return "not defined yet";
        }

        var bullish = i.Ema50 > i.Ema200;
        var crossed = previous is { } p && !double.IsNaN(p.Ema200) && (p.Ema50 > p.Ema200) != bullish;
        return (bullish, crossed) switch
        {
            (true, true) => "golden cross on the last candle (EMA50 crossed above EMA200)",
            (false, true) => "death cross on the last candle (EMA50 crossed below EMA200)",
            (true, false) => "bullish (EMA50 above EMA200)",
            (false, false) => "bearish (EMA50 below EMA200)",
        };
    }

    /// <summary>Stochastic %K in words.</summary>
    public static string Stochastic(double k) => k switch
    {
        double.NaN => "not defined yet",
        < 20 => "oversold",
        > 80 => "overbought",
        _ => "neutral",
    };

    /// <summary>A funding rate in words.</summary>
    public static string Funding(decimal rate) => rate switch
    {
        >= HighFunding => "high: longs pay a rich premium (crowded longs)",
        <= NegativeFunding => "negative: shorts pay longs (crowded shorts)",
        _ => "normal",
    };

    /// <summary>A long/short account ratio in words.</summary>
    public static string LongShort(decimal ratio) => ratio switch
    {
        >= CrowdedLongs => "crowded long",
        <= CrowdedShorts => "crowded short",
        _ => "balanced",
    };

    /// <summary>A change of open interest in words.</summary>
    public static string OpenInterest(double? change) => change switch
    {
        null => "no earlier reading to compare",
        > OpenInterestMove => "rising: positions being opened",
        < -OpenInterestMove => "falling: positions being closed",
        _ => "flat",
    };

    private static string Direction(IndicatorValues i) => i.PlusDi14 >= i.MinusDi14 ? "up: +DI above -DI" : "down: -DI above +DI";
}
