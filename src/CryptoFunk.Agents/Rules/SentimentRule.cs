using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The sentiment analyst's rule: without news or social data the crowd's mood is read from price action, contrarian
/// at extremes (capitulation, euphoria) and with the momentum otherwise.
/// </summary>
public sealed class SentimentRule : TradingRule
{
    /// <summary>A move of more than this fraction over the recent candles, on the side of EMA20, is momentum the crowd follows.</summary>
    public const double MomentumChange = 0.02;

    /// <inheritdoc />
    public override string AgentName => "sentiment";

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var s = situation.Snapshot;
        var change = MarketContextFormatter.Change(s.RecentCandles);
        var rsi = s.Indicators.Rsi14;
        string[] factors = [$"change over {s.RecentCandles.Count} candles {ContextFormat.Percent(change)}", $"RSI {ContextFormat.Number(rsi)}"];
        var price = (double)s.Price;
        return (change, rsi) switch
        {
            ( < -0.08, < 35) => Signal(TradeAction.Buy, "capitulation: a sharp fall with RSI near oversold (contrarian)", "HIGH", factors),
            ( > 0.08, > 65) => Signal(TradeAction.Sell, "euphoria: a sharp rise with RSI near overbought (contrarian)", "HIGH", factors),
            ( > MomentumChange, _) when price > s.Indicators.Ema20 => Signal(TradeAction.Buy, "positive momentum without euphoria: buyers in control, price above EMA20", "MEDIUM", factors),
            ( < -MomentumChange, _) when price < s.Indicators.Ema20 => Signal(TradeAction.Sell, "negative momentum without capitulation: sellers in control, price below EMA20", "MEDIUM", factors),
            _ => Signal(TradeAction.Hold, "no crowd extreme and no clear momentum in recent price action", "LOW", factors),
        };
    }
}
