using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The sentiment analyst's rule. With futures positioning, a crowd leaning hard to one side and paying for it (high
/// funding with long accounts two to one, or negative funding with short accounts two to one) is read contrarian:
/// that side is the one a squeeze hurts. Otherwise, and always without futures data, the crowd's mood is read from
/// price action, contrarian at extremes (capitulation, euphoria) and with the momentum otherwise.
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
        string[] factors = [$"change over {s.RecentCandles.Count} candles {ContextFormat.Percent(change)}", $"RSI {ContextFormat.Number(rsi)}", .. FuturesFactors(s.Sentiment)];
        if (s.Sentiment is { Funding: { } funding, LongShort: { } crowd })
        {
            if (funding.Rate >= Readings.HighFunding && crowd.Ratio >= Readings.CrowdedLongs)
            {
                return Signal(TradeAction.Sell, "crowded longs paying high funding: a long squeeze is the risk (contrarian caution)", "HIGH", factors);
            }

            if (funding.Rate <= Readings.NegativeFunding && crowd.Ratio <= Readings.CrowdedShorts)
            {
                return Signal(TradeAction.Buy, "crowded shorts paying to stay short: a short squeeze is the risk (contrarian)", "HIGH", factors);
            }
        }

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

    /// <summary>The futures readings the answer rests on, as key factors; none without futures data.</summary>
    private static IEnumerable<string> FuturesFactors(FuturesSentiment? sentiment)
    {
        if (sentiment?.Funding is { } funding)
        {
            yield return $"funding {ContextFormat.Rate(funding.Rate)} ({Readings.Funding(funding.Rate)})";
        }

        if (sentiment?.LongShort is { } crowd)
        {
            yield return $"long/short accounts {ContextFormat.Number((double)crowd.Ratio)} ({Readings.LongShort(crowd.Ratio)})";
        }
    }
}
