using System.Globalization;
using System.Text.RegularExpressions;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// Answers every agent with a valid answer of its kind (analysts bullish, the trend follower buying with a 2 % stop
/// and a 4 % target, the risk officer approving), so a recorded year holds every agent's calls and trades that
/// exercise the risk gate.
/// </summary>
internal static partial class RecordingDesk
{
    public static string Answer(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var price = decimal.Parse(LastClose().Match(string.Concat(messages.Select(m => m.Text))).Groups[1].Value, CultureInfo.InvariantCulture);
        string N(decimal value) => decimal.Round(value, 2).ToString(CultureInfo.InvariantCulture);
        return AgentCallContext.Of(options)?.Agent switch
        {
            "risk_management" => """{"approved":true,"adjusted_size":0.05,"reasoning":"Approved.","risk_score":0.3,"recommendations":[],"warnings":[]}""",
            "trend_following" => $$"""{"action":"BUY","confidence":0.7,"reasoning":"The trend is up.","entry_price":{{N(price)}},"stop_loss":{{N(price * 0.98m)}},"take_profit":{{N(price * 1.04m)}},"trend_phase":"ESTABLISHED"}""",
            "mean_reversion" => """{"action":"HOLD","confidence":0.4,"reasoning":"No extreme.","entry_price":null,"stop_loss":null,"take_profit":null,"timeframe":"SHORT","risk_reward":0}""",
            _ => """{"signal":"BUY","confidence":0.8,"reasoning":"Bullish.","key_factors":["trend"],"risk_level":"MEDIUM"}""",
        };
    }

    [GeneratedRegex(@"Last close: ([0-9.]+)")]
    private static partial Regex LastClose();
}
