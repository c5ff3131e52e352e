using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Agents.Context;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The design document's rules, answering each trading agent's output schema from the <see cref="MarketSnapshot"/>
/// in the invocation's arguments, always with confidence 0.3: RSI and the Bollinger bands for the technical agent,
/// bid/ask imbalance for the order book, crowd extremes and momentum for sentiment, the EMA 50/200 trend filtered by ADX for
/// trend following, band reversion in ranging markets for mean reversion, and for the risk agent the code's own risk
/// check plus a minimum reward/risk and half size in a drawdown. It never invents data: without a
/// snapshot (or an order book for the order-book agent) it gives no answer and the agent holds.
/// </summary>
public sealed class TradingRulesEngine : IRulesEngine
{
    /// <summary>The confidence of every rules answer, as in the design document.</summary>
    public const double Confidence = 0.3;

    /// <summary>
    /// Without news or social data the crowd's mood is read from price action: a move of more than this fraction over
    /// the recent candles, on the side of EMA20, is momentum the crowd follows.
    /// </summary>
    public const double MomentumChange = 0.02;

    /// <summary>The risk rule refuses targets closer than this multiple of the stop distance.</summary>
    public const decimal MinimumRewardToRisk = 1.5m;

    /// <summary>Above this drawdown from peak the risk rule halves the size (the design document's "recent drawdown &gt; 10%").</summary>
    public const decimal DrawdownForHalfSize = 0.10m;

    /// <summary>The argument that says whether a position is open (<c>flat</c> or <c>long</c>).</summary>
    public const string PositionArgument = "position_side";

    /// <inheritdoc />
    public RulesAnswer? Answer(string agent, IReadOnlyDictionary<string, object?> arguments)
    {
        if (agent == "risk_management")
        {
            return RiskReview(arguments);
        }

        var snapshot = arguments.Values.OfType<MarketSnapshot>().FirstOrDefault();
        if (snapshot is null || double.IsNaN(snapshot.Indicators.Rsi14))
        {
            return null;
        }

        var isLong = arguments.TryGetValue(PositionArgument, out var side) && string.Equals(side as string, "long", StringComparison.OrdinalIgnoreCase);
        return agent switch
        {
            "technical_analysis" => Technical(snapshot),
            "order_book" => OrderBook(snapshot),
            "sentiment" => Sentiment(snapshot),
            "trend_following" => TrendFollowing(snapshot, isLong),
            "mean_reversion" => MeanReversion(snapshot),
            _ => null,
        };
    }

    private static RulesAnswer Technical(MarketSnapshot s)
    {
        var i = s.Indicators;
        var price = (double)s.Price;
        var (signal, reason, risk) = i switch
        {
            _ when i.Rsi14 < Readings.Oversold && price < i.BollingerLower => ("BUY", "RSI oversold and price below the lower Bollinger band", "MEDIUM"),
            _ when i.Rsi14 > Readings.Overbought && price > i.BollingerUpper => ("SELL", "RSI overbought and price above the upper Bollinger band", "MEDIUM"),
            _ when i.Rsi14 < Readings.Oversold => ("BUY", "RSI oversold", "HIGH"),
            _ when i.Rsi14 > Readings.Overbought => ("SELL", "RSI overbought", "HIGH"),
            _ when i.Adx14 > Readings.StrongTrend && i.Ema50 > i.Ema200 && i.MacdHistogram > 0 => ("BUY", "strong uptrend: EMA50 above EMA200, ADX above 25, MACD above its signal", "MEDIUM"),
            _ when i.Adx14 > Readings.StrongTrend && i.Ema50 < i.Ema200 && i.MacdHistogram < 0 => ("SELL", "strong downtrend: EMA50 below EMA200, ADX above 25, MACD below its signal", "MEDIUM"),
            _ => ("HOLD", "no rule triggered: RSI neutral and no confirmed trend", "LOW"),
        };
        return Signal(signal, reason, risk, Factors(s));
    }

    private static RulesAnswer? OrderBook(MarketSnapshot s)
    {
        if (s.OrderBook is not { } book || book.Bids.Count == 0 || book.Asks.Count == 0)
        {
            return null;
        }

        var bids = book.Bids.Take(20).Sum(l => l.Quantity);
        var asks = book.Asks.Take(20).Sum(l => l.Quantity);
        var imbalance = (double)((bids - asks) / (bids + asks));
        var factors = new[] { $"top-20 imbalance {imbalance.ToString("F3", CultureInfo.InvariantCulture)}" };
        return imbalance switch
        {
            > 0.2 => Signal("BUY", "bids outweigh asks in the top 20 levels", "MEDIUM", factors),
            < -0.2 => Signal("SELL", "asks outweigh bids in the top 20 levels", "MEDIUM", factors),
            _ => Signal("HOLD", "order book balanced", "LOW", factors),
        };
    }

    private static RulesAnswer Sentiment(MarketSnapshot s)
    {
        var change = MarketContextFormatter.Change(s.RecentCandles);
        var rsi = s.Indicators.Rsi14;
        var factors = new[] { $"change over {s.RecentCandles.Count} candles {ContextFormat.Percent(change)}", $"RSI {ContextFormat.Number(rsi)}" };
        var price = (double)s.Price;
        return (change, rsi) switch
        {
            ( < -0.08, < 35) => Signal("BUY", "capitulation: a sharp fall with RSI near oversold (contrarian)", "HIGH", factors),
            ( > 0.08, > 65) => Signal("SELL", "euphoria: a sharp rise with RSI near overbought (contrarian)", "HIGH", factors),
            ( > MomentumChange, _) when price > s.Indicators.Ema20 => Signal("BUY", "positive momentum without euphoria: buyers in control, price above EMA20", "MEDIUM", factors),
            ( < -MomentumChange, _) when price < s.Indicators.Ema20 => Signal("SELL", "negative momentum without capitulation: sellers in control, price below EMA20", "MEDIUM", factors),
            _ => Signal("HOLD", "no crowd extreme and no clear momentum in recent price action", "LOW", factors),
        };
    }

    private static RulesAnswer TrendFollowing(MarketSnapshot s, bool isLong)
    {
        var i = s.Indicators;
        var entry = s.Price;
        var phase = i.Adx14 > Readings.MatureTrend ? "MATURE"
            : Readings.EmaCross(i, s.PreviousIndicators).Contains("cross on the last candle", StringComparison.Ordinal) ? "EMERGING"
            : i.Adx14 > Readings.StrongTrend ? "ESTABLISHED" : "EXHAUSTED";
        if (isLong && i.Ema50 < i.Ema200)
        {
            return Proposal("CLOSE", "EMA50 crossed below EMA200: the uptrend is over", null, null, null, phase);
        }

        if (!isLong && i.Ema50 > i.Ema200 && i.Adx14 > Readings.StrongTrend)
        {
            var swingLow = s.RecentCandles.TakeLast(20).Min(c => c.Low);
            var stop = Math.Max(swingLow * 0.98m, entry * 0.95m);
            var target = entry + (2 * (entry - stop));
            return Proposal("BUY", "EMA50 above EMA200 with ADX above 25; stop 2% under the 20-candle swing low (at most 5% away), target twice the risk", entry, stop, target, phase);
        }

        return Proposal("HOLD", "no trend entry: needs EMA50 above EMA200 and ADX above 25", null, null, null, phase);
    }

    private static RulesAnswer MeanReversion(MarketSnapshot s)
    {
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
            return Reversion("BUY", "ranging market (ADX below 25), RSI oversold and price below the lower band: revert to the middle band", entry, stop, target, riskReward);
        }

        if (ranging && i.Rsi14 > Readings.Overbought && price > i.BollingerUpper)
        {
            return Reversion("SELL", "ranging market, RSI overbought and price above the upper band", null, null, null, 0);
        }

        return Reversion("HOLD", ranging ? "no band extreme with RSI confirmation" : "trending market (ADX above 25): mean reversion avoided", null, null, null, 0);
    }

    private static RulesAnswer? RiskReview(IReadOnlyDictionary<string, object?> arguments)
    {
        var preview = arguments.Values.OfType<RiskAssessment>().FirstOrDefault();
        var trade = arguments.Values.OfType<TradeProposal>().FirstOrDefault();
        if (preview is null || trade is null)
        {
            return null;
        }

        var stopDistance = preview.Metrics.StopDistanceFraction ?? 1m;
        var riskScore = Math.Round((double)Math.Min(1m, stopDistance / 0.05m), 2);
        if (!preview.Approved)
        {
            return Review(false, null, $"the hard limits refuse it: {string.Join("; ", preview.Rejections)}", riskScore, [], [.. preview.Rejections]);
        }

        var rewardToRisk = preview.Sizing?.RewardToRisk;
        if (rewardToRisk is { } ratio && ratio < MinimumRewardToRisk)
        {
            return Review(false, null, $"reward/risk {RiskText.Number(decimal.Round(ratio, 2))} is below {RiskText.Number(MinimumRewardToRisk)}: the target does not pay for the risk", riskScore, ["look for a closer stop or a farther target"], []);
        }

        var drawdown = arguments.Values.OfType<PortfolioExposure>().FirstOrDefault()?.Drawdown ?? 0m;
        if (drawdown > DrawdownForHalfSize)
        {
            var half = decimal.Round(preview.Quantity / 2, 8);
            return Review(true, half, $"approved at half size: equity is {RiskText.Percent(decimal.Round(drawdown, 4))} below its peak", Math.Min(1, riskScore + 0.2), ["rebuild equity before full-size trades"], ["drawdown above 10%"]);
        }

        return Review(true, null, $"within the limits: risk {RiskText.Percent(decimal.Round(preview.Metrics.RiskFractionOfEquity, 4))} of equity, stop {RiskText.Percent(decimal.Round(stopDistance, 4))} away, reward/risk {(rewardToRisk is { } r ? RiskText.Number(decimal.Round(r, 2)) : "n/a")}", riskScore, [], []);
    }

    private static string[] Factors(MarketSnapshot s) =>
    [
        $"RSI {ContextFormat.Number(s.Indicators.Rsi14)} ({Readings.Rsi(s.Indicators.Rsi14)})",
        $"Bollinger: {Readings.Bollinger((double)s.Price, s.Indicators)}",
        $"EMA50/200: {Readings.EmaCross(s.Indicators, s.PreviousIndicators)}",
        $"ADX {ContextFormat.Number(s.Indicators.Adx14)}",
    ];

    private static RulesAnswer Signal(string signal, string reason, string risk, IEnumerable<string> factors) =>
        Build(reason, json =>
        {
            json.WriteString("signal", signal);
            json.WriteNumber("confidence", Confidence);
            json.WriteString("reasoning", Reasoning(reason));
            Strings(json, "key_factors", factors);
            json.WriteString("risk_level", risk);
        });

    private static RulesAnswer Proposal(string action, string reason, decimal? entry, decimal? stop, decimal? target, string phase) =>
        Build(reason, json =>
        {
            json.WriteString("action", action);
            json.WriteNumber("confidence", Confidence);
            json.WriteString("reasoning", Reasoning(reason));
            Price(json, "entry_price", entry);
            Price(json, "stop_loss", stop);
            Price(json, "take_profit", target);
            json.WriteString("trend_phase", phase);
        });

    private static RulesAnswer Reversion(string action, string reason, decimal? entry, decimal? stop, decimal? target, double riskReward) =>
        Build(reason, json =>
        {
            json.WriteString("action", action);
            json.WriteNumber("confidence", Confidence);
            json.WriteString("reasoning", Reasoning(reason));
            Price(json, "entry_price", entry);
            Price(json, "stop_loss", stop);
            Price(json, "take_profit", target);
            json.WriteString("timeframe", "SHORT");
            json.WriteNumber("risk_reward", Math.Round(riskReward, 2));
        });

    private static RulesAnswer Review(bool approved, decimal? adjustedSize, string reason, double riskScore, string[] recommendations, string[] warnings) =>
        Build(reason, json =>
        {
            json.WriteBoolean("approved", approved);
            Price(json, "adjusted_size", adjustedSize);
            json.WriteString("reasoning", Reasoning(reason));
            json.WriteNumber("risk_score", riskScore);
            Strings(json, "recommendations", recommendations);
            Strings(json, "warnings", warnings);
        });

    private static string Reasoning(string reason) => $"Rules engine: {reason}.";

    private static void Price(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 8));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the answer once and reads it back as the element an agent response carries.</summary>
    private static RulesAnswer Build(string reason, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return new RulesAnswer(JsonElement.ParseValue(ref reader), Reasoning(reason));
    }
}
