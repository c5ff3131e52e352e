using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;

namespace CryptoFunk.Agents.Rules;

/// <summary>The technical analyst's rule: RSI extremes, confirmed by the Bollinger bands, else a strong trend confirmed by MACD.</summary>
public sealed class TechnicalAnalysisRule : TradingRule
{
    /// <inheritdoc />
    public override string AgentName => "technical_analysis";

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var s = situation.Snapshot;
        var i = s.Indicators;
        var price = (double)s.Price;
        var (signal, reason, risk) = i switch
        {
            _ when i.Rsi14 < Readings.Oversold && price < i.BollingerLower => (TradeAction.Buy, "RSI oversold and price below the lower Bollinger band", "MEDIUM"),
            _ when i.Rsi14 > Readings.Overbought && price > i.BollingerUpper => (TradeAction.Sell, "RSI overbought and price above the upper Bollinger band", "MEDIUM"),
            _ when i.Rsi14 < Readings.Oversold => (TradeAction.Buy, "RSI oversold", "HIGH"),
            _ when i.Rsi14 > Readings.Overbought => (TradeAction.Sell, "RSI overbought", "HIGH"),
            _ when i.Adx14 > Readings.StrongTrend && i.Ema50 > i.Ema200 && i.MacdHistogram > 0 => (TradeAction.Buy, "strong uptrend: EMA50 above EMA200, ADX above 25, MACD above its signal", "MEDIUM"),
            _ when i.Adx14 > Readings.StrongTrend && i.Ema50 < i.Ema200 && i.MacdHistogram < 0 => (TradeAction.Sell, "strong downtrend: EMA50 below EMA200, ADX above 25, MACD below its signal", "MEDIUM"),
            _ => (TradeAction.Hold, "no rule triggered: RSI neutral and no confirmed trend", "LOW"),
        };
        string[] factors =
        [
            $"RSI {ContextFormat.Number(i.Rsi14)} ({Readings.Rsi(i.Rsi14)})",
            $"Bollinger: {Readings.Bollinger(price, i)}",
            $"EMA50/200: {Readings.EmaCross(i, s.PreviousIndicators)}",
            $"ADX {ContextFormat.Number(i.Adx14)}",
        ];
        return Signal(signal, reason, risk, factors);
    }
}
