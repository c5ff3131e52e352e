using System.Globalization;
using System.Text.RegularExpressions;
using CryptoFunk.Tests.Fakes;

namespace CryptoFunk.Tests.Backtesting;

/// <summary>
/// A fake OpenAI-compatible model that answers each agent's prompt as a model would: it reads which agent asks
/// (the prompt's opening line) and the last close from the rendered market context, and always wants to buy with a
/// 2% stop and a 4% target; its risk officer approves a thousand units, far above any limit.
/// </summary>
internal static partial class TradingDesk
{
    public const decimal RequestedSize = 1000m;

    /// <summary>What <see cref="AgentOf"/> calls any analysis agent.</summary>
    public const string Analyst = "analyst";

    public static FakeReply Answer(RecordedRequest request) =>
        FakeReply.Json(200, OpenAIWire.Completion(Text(request), promptTokens: 1000, completionTokens: 100));

    /// <summary>The answer the asking agent gets, as the completion's text.</summary>
    public static string Text(RecordedRequest request)
    {
        var price = LastClose(request);
        string N(decimal value) => decimal.Round(value, 2).ToString(CultureInfo.InvariantCulture);
        return AgentOf(request) switch
        {
            "risk_management" =>
                $$"""{"approved":true,"adjusted_size":{{N(RequestedSize)}},"reasoning":"Fake risk officer: approved at full conviction.","risk_score":0.3,"recommendations":[],"warnings":[]}""",
            "trend_following" =>
                $$"""{"action":"BUY","confidence":0.7,"reasoning":"Fake trend follower: the trend is up.","entry_price":{{N(price)}},"stop_loss":{{N(price * 0.98m)}},"take_profit":{{N(price * 1.04m)}},"trend_phase":"ESTABLISHED"}""",
            "mean_reversion" =>
                """{"action":"HOLD","confidence":0.4,"reasoning":"Fake mean reverter: no extreme.","entry_price":null,"stop_loss":null,"take_profit":null,"timeframe":"SHORT","risk_reward":0}""",
            _ => """{"signal":"BUY","confidence":0.8,"reasoning":"Fake analyst: bullish.","key_factors":["fake"],"risk_level":"MEDIUM"}""",
        };
    }

    /// <summary>
    /// The agent a rendered prompt is from, read from its opening line: <c>risk_management</c>, <c>trend_following</c>,
    /// <c>mean_reversion</c>, or <c>analyst</c> for the analysts, who all answer with the same signal schema.
    /// </summary>
    public static string AgentOf(RecordedRequest request) => request.Body switch
    {
        var body when body.Contains("Chief Risk Officer", StringComparison.Ordinal) => "risk_management",
        var body when body.Contains("trend-following trader", StringComparison.Ordinal) => "trend_following",
        var body when body.Contains("mean reversion trader", StringComparison.Ordinal) => "mean_reversion",
        _ => Analyst,
    };

    /// <summary>The last close a rendered prompt's market context shows.</summary>
    public static decimal LastClose(RecordedRequest request) =>
        decimal.Parse(LastCloseLine().Match(request.Body).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The decision time a rendered prompt was for.</summary>
    public static DateTimeOffset DecisionTime(RecordedRequest request) =>
        DateTimeOffset.Parse(DecisionTimeLine().Match(request.Body).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Decision time: ([0-9T:\-]+Z)")]
    private static partial Regex DecisionTimeLine();

    [GeneratedRegex(@"Last close: ([0-9.]+)")]
    private static partial Regex LastCloseLine();
}
