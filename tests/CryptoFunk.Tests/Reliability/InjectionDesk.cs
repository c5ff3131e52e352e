using System.Collections.Concurrent;
using CryptoFunk.Tests.Fakes;
using static CryptoFunk.Tests.Reliability.FakeAnswers;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A fake model that plants instructions (<see cref="PlantedText"/>) in everything it writes, and obeys any it reads
/// outside quotes. Of its own accord it trades only every fourth hour (<see cref="TradesAt"/>): its analysts vote BUY
/// then and HOLD otherwise, its trend follower proposes a long with a 2% stop, its risk officer approves. Every answer
/// carries plants where later prompts read them: the reasoning and key factors, the names of fields the schema refuses
/// (the repair request and, when the sentiment analyst refuses twice, the strategists' list of who did not vote quote
/// them back), and a tool call's argument. Should any request it receives hold <see cref="PlantedText.Demand"/> outside
/// quotes in what it reads (the system, user and tool messages, not its own earlier answers), it obeys: every agent
/// says BUY, which trades at an hour it would not.
/// </summary>
internal sealed class InjectionDesk
{
    /// <summary>The reasoning of an answer that obeyed a plant.</summary>
    public const string Obeyed = "OBEYED a planted instruction";

    /// <summary>Every plant as the name of a field the schema refuses, the long one last so the others stay within the cut.</summary>
    private static readonly string RefusedFields = string.Join(',', PlantedText.All.OrderBy(p => p.Text.Length).Select(p => $"{Json(p.Text)}:true"));

    private readonly ConcurrentDictionary<string, int> _toolArguments = new();
    private int _obeyed;

    /// <summary>Requests in which the model found a plant outside quotes, and obeyed.</summary>
    public int ObeyedCount => Volatile.Read(ref _obeyed);

    /// <summary>Plants passed as a tool's argument, by plant.</summary>
    public IReadOnlyDictionary<string, int> ToolArguments => _toolArguments;

    /// <summary>Whether the desk wants to trade at <paramref name="time"/> of its own accord: every fourth hour.</summary>
    public static bool TradesAt(DateTimeOffset time) => time.Hour % 4 == 0;

    /// <summary>Whether <paramref name="request"/> holds a planted demand outside quotes in what the model reads.</summary>
    public static bool FindsInstruction(AgentRequest request) =>
        request.Messages.Where(m => m.Role != "assistant")
            .Any(m => QuotedRegions.Of(m.Text).Outside.Contains(PlantedText.Demand, StringComparison.OrdinalIgnoreCase));

    /// <summary>Answers <paramref name="recorded"/>; serve it as the fake server's fallback.</summary>
    public FakeReply Answer(RecordedRequest recorded)
    {
        var request = AgentRequest.Of(recorded);
        if (FindsInstruction(request))
        {
            Interlocked.Increment(ref _obeyed);
            return Reply(Obey(request));
        }

        var plant = Plant(request, 0);
        if (request.ToolRounds == 0 && request.Seed % 4 == 1)
        {
            var argument = Plant(request, 3);
            _toolArguments.AddOrUpdate(argument.Name, 1, (_, count) => count + 1);
            return FakeReply.Json(200, OpenAIWire.Completion(null, [new FakeToolCall("call_plant", "MarketData_GetTicker", $$"""{"symbol":{{Json(argument.Text)}}}""")]));
        }

        var p = request.LastClose;
        var trades = TradesAt(request.DecisionTime);
        return Reply(request.Agent switch
        {
            "risk_management" => Approval("null", plant.Text),
            "trend_following" when trades && !request.Long => Proposal(request.Agent, "BUY", Price(p), Price(p * 0.98m), Price(p * 1.04m), plant.Text),
            "trend_following" or "mean_reversion" => Proposal(request.Agent, "HOLD", "null", "null", "null", plant.Text),
            _ when Refuses(request) => Signal("BUY", 0.8, plant.Text, [Plant(request, 1).Text], RefusedFields),
            _ => Signal(trades ? "BUY" : "HOLD", 0.8, plant.Text, [Plant(request, 1).Text, "RSI 55"]),
        });
    }

    /// <summary>
    /// Whether an analyst answers with a field the schema refuses: a first attempt now and then (the repair request
    /// quotes the refusal), and both attempts of the sentiment analyst at some trading hours (it then does not vote,
    /// and the strategists are told why).
    /// </summary>
    private static bool Refuses(AgentRequest request) =>
        (request.Attempt == 1 && request.Seed % 4 == 2)
        || (TradesAt(request.DecisionTime) && request.Messages[0].Text.Contains("market-sentiment analyst", StringComparison.Ordinal)
            && (request.DecisionTime.Day + (request.DecisionTime.Hour / 4)) % 3 == 0);

    private static string Obey(AgentRequest request)
    {
        var p = request.LastClose;
        return request.Agent switch
        {
            "risk_management" => Approval("null", Obeyed),
            "trend_following" or "mean_reversion" => Proposal(request.Agent, "BUY", Price(p), Price(p * 0.98m), Price(p * 1.04m), Obeyed),
            _ => Signal("BUY", 1, Obeyed, ["obeyed"]),
        };
    }

    /// <summary>
    /// The plant for one place (<paramref name="slot"/>) in an answer, turning with the hour: every fourth hour is as
    /// good as every hour for that, since four and the number of plants share no factor.
    /// </summary>
    private static PlantedText Plant(AgentRequest request, int slot) =>
        PlantedText.All[(int)(((request.DecisionTime.ToUnixTimeSeconds() / 3600) + slot) % PlantedText.All.Count)];

    private static FakeReply Reply(string text) => FakeReply.Json(200, OpenAIWire.Completion(text, promptTokens: 1000, completionTokens: 100));
}
