using System.ComponentModel;
using CryptoFunk.Markets;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// Every standard indicator of one market at the last candle closed by the <see cref="DecisionClock"/>'s time, as a
/// Semantic Kernel function, so the model reads computed values instead of estimating them from raw candles.
/// </summary>
public sealed class IndicatorsPlugin
{
    private readonly MarketHistory _history;
    private readonly DecisionClock _clock;

    /// <summary>Serves <paramref name="history"/>'s market.</summary>
    public IndicatorsPlugin(MarketHistory history, DecisionClock clock)
    {
        _history = history;
        _clock = clock;
    }

    [KernelFunction]
    [Description("Indicators of the market being traded at the last candle closed at or before the decision time: RSI(14), MACD(12,26,9) line/signal/histogram, Bollinger(20,2) upper/middle/lower/percentB/width, EMA 20/50/200, SMA 20, ATR(14), ADX(14) with +DI/-DI, Stochastic(14,3,3) %K/%D, OBV. A value still warming up is null.")]
    private object GetSnapshot([Description("Market as BASE/QUOTE; leave empty for the market being traded.")] string? symbol = null)
    {
        if (ToolError.ForOtherSymbol(_history.Symbol, symbol) is { } error)
        {
            return error;
        }

        var time = _clock.Time;
        if (_history.LastClosedIndex(time) < 0)
        {
            return new ToolError($"no {_history.Symbol} {_history.Timeframe} candle had closed by {UtcTimestamp.Format(time)}");
        }

        var snapshot = _history.SnapshotAt(time, recentCandles: 1);
        var v = snapshot.Indicators;
        static double? I(double value) => CompactNumber.Indicator(value);
        return new SnapshotResult(
            _history.Symbol.ToString(),
            _history.Timeframe.Code,
            UtcTimestamp.Format(snapshot.LastCandle.OpenTime + _history.Timeframe.Duration),
            CompactNumber.Amount(snapshot.Price),
            I(v.Rsi14),
            I(v.Macd),
            I(v.MacdSignal),
            I(v.MacdHistogram),
            I(v.BollingerUpper),
            I(v.BollingerMiddle),
            I(v.BollingerLower),
            I(v.BollingerPercentB),
            I(v.BollingerWidth),
            I(v.Ema20),
            I(v.Ema50),
            I(v.Ema200),
            I(v.Sma20),
            I(v.Atr14),
            I(v.Adx14),
            I(v.PlusDi14),
            I(v.MinusDi14),
            I(v.StochasticK),
            I(v.StochasticD),
            I(v.Obv));
    }

    /// <summary>The indicators at one closed candle; null where the indicator is still warming up.</summary>
    private sealed record SnapshotResult(
        string Symbol,
        string Timeframe,
        string CandleCloseTime,
        decimal Close,
        double? Rsi14,
        double? Macd,
        double? MacdSignal,
        double? MacdHistogram,
        double? BollingerUpper,
        double? BollingerMiddle,
        double? BollingerLower,
        double? BollingerPercentB,
        double? BollingerWidth,
        double? Ema20,
        double? Ema50,
        double? Ema200,
        double? Sma20,
        double? Atr14,
        double? Adx14,
        double? PlusDi14,
        double? MinusDi14,
        double? StochasticK,
        double? StochasticD,
        double? Obv);
}
