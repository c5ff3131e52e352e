using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Benchmarks.Backtesting;

/// <summary>
/// A provider that answers every agent at once with a valid answer of its kind (analysts bullish, the trend follower
/// buying with a 2 % stop and a 4 % target, the risk officer approving), so a recorded year holds every agent's calls
/// and trades that exercise the risk gate.
/// </summary>
internal sealed partial class RecordingDesk : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var agent = AgentCallContext.Of(options)?.Agent;
        var text = string.Concat(messages.Select(m => m.Text));
        var price = decimal.Parse(LastClose().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        string N(decimal value) => decimal.Round(value, 2).ToString(CultureInfo.InvariantCulture);
        var answer = agent switch
        {
            "risk_management" => """{"approved":true,"adjusted_size":0.05,"reasoning":"Approved.","risk_score":0.3,"recommendations":[],"warnings":[]}""",
            "trend_following" => $$"""{"action":"BUY","confidence":0.7,"reasoning":"The trend is up.","entry_price":{{N(price)}},"stop_loss":{{N(price * 0.98m)}},"take_profit":{{N(price * 1.04m)}},"trend_phase":"ESTABLISHED"}""",
            "mean_reversion" => """{"action":"HOLD","confidence":0.4,"reasoning":"No extreme.","entry_price":null,"stop_loss":null,"take_profit":null,"timeframe":"SHORT","risk_reward":0}""",
            _ => """{"signal":"BUY","confidence":0.8,"reasoning":"Bullish.","key_factors":["trend"],"risk_level":"MEDIUM"}""",
        };
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = "desk",
            Usage = new UsageDetails { InputTokenCount = 1500, OutputTokenCount = 120, TotalTokenCount = 1620 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    [GeneratedRegex(@"Last close: ([0-9.]+)")]
    private static partial Regex LastClose();
}
