using System.Runtime.CompilerServices;
using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Orchestration;

/// <summary>An agent that answers with a fixed JSON output (or fails), counting its calls and keeping the arguments it saw.</summary>
internal sealed class ScriptedAgent : Agent
{
    public string? Json { get; init; }

    public Exception? Failure { get; init; }

    /// <summary>Answers before returning to the caller, so no deadline can pass while it answers.</summary>
    public bool AnswersAtOnce { get; init; }

    public int Calls { get; private set; }

    public IReadOnlyDictionary<string, object?>? LastArguments { get; private set; }

    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls++;
        LastArguments = options.ArgumentsFor(Name);
        if (!AnswersAtOnce)
        {
            await Task.Yield();
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        var output = JsonDocument.Parse(Json!).RootElement.Clone();
        yield return new AgentResponse
        {
            AgentName = Name,
            Message = new ChatMessage(ChatRole.Assistant, Json) { AuthorName = Name },
            Output = output,
            Source = ResponseSource.Llm("fake/scripted"),
        };
    }

    public static ScriptedAgent Signal(string name, string signal, double confidence) => new()
    {
        Name = name,
        Json = $$"""{"signal":"{{signal}}","confidence":{{confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"reasoning":"{{name}} says {{signal}}","key_factors":["scripted"],"risk_level":"MEDIUM"}""",
    };

    public static ScriptedAgent Proposal(string name, string action, double confidence, decimal? entry = null, decimal? stop = null, decimal? target = null) => new()
    {
        Name = name,
        Json = $$"""{"action":"{{action}}","confidence":{{Number(confidence)}},"reasoning":"{{name}} proposes {{action}}","entry_price":{{Number(entry)}},"stop_loss":{{Number(stop)}},"take_profit":{{Number(target)}},"trend_phase":"ESTABLISHED"}""",
    };

    public static ScriptedAgent Risk(bool approved, decimal? adjustedSize = null, string reasoning = "scripted review") => new()
    {
        Name = "risk_management",
        Json = $$"""{"approved":{{(approved ? "true" : "false")}},"adjusted_size":{{Number(adjustedSize)}},"reasoning":"{{reasoning}}","risk_score":0.4,"recommendations":[],"warnings":[]}""",
    };

    public static ScriptedAgent Failing(string name) => new() { Name = name, Failure = new HttpRequestException("connection refused") };

    private static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
}
