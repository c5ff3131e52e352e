using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;

namespace CryptoFunk.Agents.Rules;

/// <summary>The mean-reversion rule: in a ranging market (ADX below 25), buy an oversold close under the lower band back to the middle band.</summary>
public sealed class MeanReversionRule : TradingRule
{
    /// <inheritdoc />
    public override string AgentName => "mean_reversion";

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var s = situation.Snapshot;
        var i = s.Indicators;
        var price = (double)s.Price;
        var ranging = i.Adx14 < Readings.StrongTrend;
        if (ranging && i.Rsi14 < Readings.Oversold && price < i.BollingerLower)
        {
            var entry = s.Price;
            var extreme = s.RecentCandles.TakeLast(5).Min(c => c.Low);
            var stop = Math.Max(extreme * 0.995m, entry * 0.95m);
            var target = Math.Min((decimal)i.BollingerMiddle, entry * 1.03m);
            var riskReward = entry - stop <= 0 ? 0 : (double)((target - entry) / (entry - stop));
            return Reversion(TradeAction.Buy, "ranging market (ADX below 25), RSI oversold and price below the lower band: revert to the middle band", riskReward, entry, stop, target);
        }

        if (ranging && i.Rsi14 > Readings.Overbought && price > i.BollingerUpper)
        {
            return Reversion(TradeAction.Sell, "ranging market, RSI overbought and price above the upper band", 0);
        }

        return Reversion(TradeAction.Hold, ranging ? "no band extreme with RSI confirmation" : "trending market (ADX above 25): mean reversion avoided", 0);
    }

    private StrategyProposal Reversion(TradeAction action, string reason, double riskReward, decimal? entry = null, decimal? stop = null, decimal? target = null) =>
        Proposal(action, reason, entry, stop, target) with { Timeframe = "SHORT", RiskReward = Math.Round(riskReward, 2) };
}
