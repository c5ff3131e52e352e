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

    public static FakeReply Answer(RecordedRequest request) =>
        FakeReply.Json(200, OpenAIWire.Completion(Text(request), promptTokens: 1000, completionTokens: 100));

    /// <summary>The answer the asking agent gets, as the completion's text.</summary>
    public static string Text(RecordedRequest request)
    {
        var body = request.Body;
        var price = decimal.Parse(LastClose().Match(body).Groups[1].Value, CultureInfo.InvariantCulture);
        string N(decimal value) => decimal.Round(value, 2).ToString(CultureInfo.InvariantCulture);
        return body switch
        {
            _ when body.Contains("Chief Risk Officer", StringComparison.Ordinal) =>
                $$"""{"approved":true,"adjusted_size":{{N(RequestedSize)}},"reasoning":"Fake risk officer: approved at full conviction.","risk_score":0.3,"recommendations":[],"warnings":[]}""",
            _ when body.Contains("trend-following trader", StringComparison.Ordinal) =>
                $$"""{"action":"BUY","confidence":0.7,"reasoning":"Fake trend follower: the trend is up.","entry_price":{{N(price)}},"stop_loss":{{N(price * 0.98m)}},"take_profit":{{N(price * 1.04m)}},"trend_phase":"ESTABLISHED"}""",
            _ when body.Contains("mean reversion trader", StringComparison.Ordinal) =>
                """{"action":"HOLD","confidence":0.4,"reasoning":"Fake mean reverter: no extreme.","entry_price":null,"stop_loss":null,"take_profit":null,"timeframe":"SHORT","risk_reward":0}""",
            _ => """{"signal":"BUY","confidence":0.8,"reasoning":"Fake analyst: bullish.","key_factors":["fake"],"risk_level":"MEDIUM"}""",
        };
    }

    /// <summary>The decision time a rendered prompt was for.</summary>
    public static DateTimeOffset DecisionTime(RecordedRequest request) =>
        DateTimeOffset.Parse(DecisionTimeLine().Match(request.Body).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Decision time: ([0-9T:\-]+Z)")]
    private static partial Regex DecisionTimeLine();

    [GeneratedRegex(@"Last close: ([0-9.]+)")]
    private static partial Regex LastClose();
}
