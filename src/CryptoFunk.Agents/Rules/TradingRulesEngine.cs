using CryptoFunk.Agents.Agents;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The design document's rules for the six trading agents: RSI and the Bollinger bands for the technical agent,
/// bid/ask imbalance for the order book, crowd extremes and momentum for sentiment, the EMA 50/200 trend filtered by
/// ADX for trend following, band reversion in ranging markets for mean reversion, and for the risk agent the code's
/// own risk check plus a minimum reward/risk and half size in a drawdown.
/// </summary>
public sealed class TradingRulesEngine : IRulesEngine
{
    private readonly Dictionary<string, TradingRule> _rules = new TradingRule[]
    {
        new TechnicalAnalysisRule(),
        new OrderBookRule(),
        new SentimentRule(),
        new TrendFollowingRule(),
        new MeanReversionRule(),
        new RiskManagementRule(),
    }.ToDictionary(r => r.AgentName, StringComparer.Ordinal);

    /// <inheritdoc />
    public AgentRule? RuleFor(string agentName) => _rules.GetValueOrDefault(agentName);
}
