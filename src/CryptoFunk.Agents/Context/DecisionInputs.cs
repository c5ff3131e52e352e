using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Context;

/// <summary>
/// Turns the point-in-time state of one decision into an agent invocation: the prompt arguments (symbol, timeframe,
/// decision time, the market context text, the futures sentiment text, the learning context), the typed situation for
/// the rules engine, and the
/// numeric features the cache's similarity tier compares.
/// </summary>
public static class DecisionInputs
{
    /// <summary>
    /// Invocation options for an agent deciding in <paramref name="situation"/>; <paramref name="recentPrices"/>, when
    /// given, keeps the market's recent price rows formatted from one decision to the next.
    /// </summary>
    public static AgentInvokeOptions For(
        DecisionSituation situation, string? learningContext = null, IReadOnlyDictionary<string, object?>? extra = null, RecentPriceRows? recentPrices = null)
    {
        var options = ForRules(situation);
        var arguments = (Dictionary<string, object?>)options.Arguments;
        arguments["market_context"] = new ContextBuilder().AddMarket(situation.Snapshot, recentPrices).Build();
        arguments["futures_sentiment"] = new ContextBuilder().AddFuturesSentiment(situation.Snapshot).Build();
        arguments["learning_context"] = learningContext ?? "No earlier decisions with known outcomes yet.";
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            arguments[key] = value;
        }

        return options;
    }

    /// <summary>
    /// Options for agents that are only the rules engine: the situation and the short arguments, without the prompt
    /// texts (market and learning context) that only a model reads.
    /// </summary>
    public static AgentInvokeOptions ForRules(DecisionSituation situation)
    {
        var snapshot = situation.Snapshot;
        return new AgentInvokeOptions
        {
            Arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["symbol"] = snapshot.Symbol.ToString(),
                ["timeframe"] = snapshot.Timeframe.Code,
                ["decision_time"] = ContextFormat.Time(snapshot.DecisionTime),
                ["position_side"] = situation.PositionSide,
            },
            Situation = situation,
            MarketState = new CacheContext(snapshot.Symbol.ToString(), snapshot.Timeframe.Code, situation.PositionSide, snapshot.DecisionTime, Features(snapshot)),
        };
    }

    /// <summary>The features the similarity tier compares: scale-free readings of the indicators.</summary>
    public static IReadOnlyList<double> Features(MarketSnapshot snapshot)
    {
        var i = snapshot.Indicators;
        var price = (double)snapshot.Price;
        return
        [
            i.Rsi14,
            i.BollingerPercentB,
            i.Adx14,
            i.MacdHistogram / price * 1000,
            (i.Ema50 / i.Ema200) - 1,
            i.Atr14 / price * 100,
            i.StochasticK,
        ];
    }
}
