using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// One chat request as a fake model reads it: which agent asks, about which market and decision time, the how-manieth
/// attempt (a repair retry adds a user message), how many tool round trips it is into a tool loop, and its messages.
/// </summary>
/// <param name="Agent">The agent, as <see cref="TradingDesk.AgentOf"/> names it.</param>
/// <param name="Symbol">The market of the prompt.</param>
/// <param name="DecisionTime">The decision time of the prompt.</param>
/// <param name="LastClose">The last close the prompt shows.</param>
/// <param name="Attempt">1 for the first answer, 2 for the repair retry.</param>
/// <param name="ToolRounds">
/// Assistant messages asking for tools since the last user message: the round trips of this answer's tool loop so far
/// (a repair retry carries the first attempt's loop before its own user message).
/// </param>
/// <param name="Long">True when the prompt says a long position is open.</param>
/// <param name="Messages">Each message's role and text (an assistant's tool calls have no text).</param>
internal sealed partial record AgentRequest(
    string Agent,
    string Symbol,
    DateTimeOffset DecisionTime,
    decimal LastClose,
    int Attempt,
    int ToolRounds,
    bool Long,
    IReadOnlyList<(string Role, string Text)> Messages)
{
    /// <summary>Reads <paramref name="request"/>.</summary>
    public static AgentRequest Of(RecordedRequest request)
    {
        var all = request.RequireJson().GetProperty("messages").EnumerateArray().ToList();
        var messages = all
            .Select(m => (m.GetProperty("role").GetString()!, m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty))
            .ToList();
        var prompt = messages.First(m => m.Item1 == "user").Item2;
        return new AgentRequest(
            TradingDesk.AgentOf(request),
            SymbolLine().Match(prompt).Groups[1].Value,
            TradingDesk.DecisionTime(request),
            TradingDesk.LastClose(request),
            messages.Count(m => m.Item1 == "user"),
            all.Skip(messages.FindLastIndex(m => m.Item1 == "user")).Count(m => m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array),
            prompt.Contains("## Current Position\n\nLong ", StringComparison.Ordinal),
            messages);
    }

    /// <summary>
    /// A number fixed by the prompt (its opening line tells the analysts apart), market, time and attempt, but not by
    /// the tool round, so a model's choice stays the same through a tool loop and every run answers the same way.
    /// </summary>
    public ulong Seed => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{Messages[0].Text.AsSpan(0, Math.Min(120, Messages[0].Text.Length))}|{Symbol}|{DecisionTime:O}|{Attempt}")));

    [GeneratedRegex(@"Symbol: ([A-Z0-9]+/[A-Z0-9]+)")]
    private static partial Regex SymbolLine();
}
