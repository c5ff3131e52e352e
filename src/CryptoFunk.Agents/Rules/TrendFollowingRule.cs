using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The trend follower's rule: enter long on EMA50 above EMA200 with ADX above 25, stop under the recent swing low and
/// target twice the risk; close a long once EMA50 falls below EMA200.
/// </summary>
public sealed class TrendFollowingRule : TradingRule
{
    /// <inheritdoc />
    public override string AgentName => "trend_following";

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var s = situation.Snapshot;
        var i = s.Indicators;
        var entry = s.Price;
        var phase = i.Adx14 > Readings.MatureTrend ? "MATURE"
            : Readings.EmaCross(i, s.PreviousIndicators).Contains("cross on the last candle", StringComparison.Ordinal) ? "EMERGING"
            : i.Adx14 > Readings.StrongTrend ? "ESTABLISHED" : "EXHAUSTED";
        var isLong = situation.Position == PositionSide.Long;
        if (isLong && i.Ema50 < i.Ema200)
        {
            return Proposal(TradeAction.Close, "EMA50 crossed below EMA200: the uptrend is over") with { TrendPhase = phase };
        }

        if (!isLong && i.Ema50 > i.Ema200 && i.Adx14 > Readings.StrongTrend)
        {
            var swingLow = s.RecentCandles.TakeLast(20).Min(c => c.Low);
            var stop = Math.Max(swingLow * 0.98m, entry * 0.95m);
            var target = entry + (2 * (entry - stop));
            return Proposal(TradeAction.Buy, "EMA50 above EMA200 with ADX above 25; stop 2% under the 20-candle swing low (at most 5% away), target twice the risk", entry, stop, target) with { TrendPhase = phase };
        }

        return Proposal(TradeAction.Hold, "no trend entry: needs EMA50 above EMA200 and ADX above 25") with { TrendPhase = phase };
    }
}
