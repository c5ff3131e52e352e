using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Markets;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static CryptoFunk.Tests.Orchestration.DecisionFixtures;

namespace CryptoFunk.Tests.Orchestration;

/// <summary>
/// Recordings and cached answers are found by the exact messages an agent sends, so what each agent renders for a
/// given decision must never change by accident: these hashes were taken before the rules engine got typed inputs,
/// the sentiment agent's again when its prompt got the futures sentiment section (the others did not change), and all
/// again when every prompt got the rule that quoted text is data and what other agents wrote came to be quoted
/// (checked then: the old hashes came back once that rule line was taken out and the quotes undone).
/// </summary>
public sealed class RenderedPromptReferenceTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void Start() => _dir = new TempDirectory();

    [TearDown]
    public void Stop() => _dir.Dispose();

    private static readonly Dictionary<string, string> EntryDecision = new()
    {
        ["technical_analysis"] = "97c976834b4df4c0e8354833de622ca4",
        ["order_book"] = "b724545fa13695efec36435f72295cbc",
        ["sentiment"] = "03cc01556f473e5131ac1b80073ab6e6",
        ["trend_following"] = "fc12e15c017b35b076487e7952c102b7",
        ["mean_reversion"] = "4acb293968b2adc08640913d38361a5f",
        ["risk_management"] = "e0dbdbb9419a49642d15c13ac4115a6e",
    };

    private static readonly Dictionary<string, string> CloseDecision = new()
    {
        ["technical_analysis"] = "97c976834b4df4c0e8354833de622ca4",
        ["order_book"] = "b724545fa13695efec36435f72295cbc",
        ["sentiment"] = "03cc01556f473e5131ac1b80073ab6e6",
        ["trend_following"] = "1fb9be898af2251073acd4431f47fb1a",
        ["mean_reversion"] = "9cbb0a2563431192649ab1e45b0a31b6",
    };

    [Test]
    public async Task Every_agent_renders_the_same_messages_for_an_entry_reviewed_by_risk()
    {
        var snapshot = WithBook(Snapshot());
        var sent = await DecideAsync(Flat(snapshot), "BUY", snapshot.Price);

        AssertSame(sent, EntryDecision);
    }

    [Test]
    public async Task Every_agent_renders_the_same_messages_for_a_close_while_long()
    {
        var snapshot = WithBook(Snapshot());
        var sent = await DecideAsync(Long(snapshot, quantity: 3m), "SELL", snapshot.Price);

        AssertSame(sent, CloseDecision);
    }

    private async Task<Dictionary<string, string>> DecideAsync(DecisionContext context, string vote, decimal price)
    {
        var model = new RoleAnsweringChatClient(vote, price);
        await using var services = Services(_dir);
        var factory = new ChatCompletionAgentFactory(services.GetRequiredService<IPromptLibrary>(), model, services.GetRequiredService<IRulesEngine>());
        var participants = Participants(
            [factory.Create("technical_analysis"), factory.Create("order_book"), factory.Create("sentiment")],
            [factory.Create("trend_following"), factory.Create("mean_reversion")],
            factory.Create("risk_management"));
        var inputs = DecisionInputs.For(context.Situation, "Earlier decisions: two BUYs, one won.");

        var decision = await services.GetRequiredService<TradingDecisionMaker>().DecideAsync(participants, context, inputs, CancellationToken.None);

        Assert.That(decision.Responses.Where(r => r.Abstained), Is.Empty);
        return model.Sent.ToDictionary(s => s.Key, s => Hash(s.Value));
    }

    private static void AssertSame(Dictionary<string, string> sent, Dictionary<string, string> expected) => Assert.Multiple(() =>
    {
        Assert.That(sent.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (agent, hash) in expected)
        {
            Assert.That(sent.GetValueOrDefault(agent), Is.EqualTo(hash), agent);
        }
    });

    private static MarketSnapshot WithBook(MarketSnapshot snapshot) => snapshot with
    {
        OrderBook = new OrderBook(
            snapshot.Symbol,
            [new OrderBookLevel(snapshot.Price - 0.1m, 30m), new OrderBookLevel(snapshot.Price - 0.2m, 12.5m)],
            [new OrderBookLevel(snapshot.Price + 0.1m, 5m), new OrderBookLevel(snapshot.Price + 0.3m, 7.25m)],
            1,
            snapshot.DecisionTime),
    };

    private static string Hash(IReadOnlyList<ChatMessage> messages)
    {
        var text = string.Join("\n\u0000\n", messages.Select(m => $"{m.Role.Value}\n{m.Text}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Answers each agent in its own schema so the decision runs to its end, keeping what each agent sent.</summary>
    private sealed class RoleAnsweringChatClient(string vote, decimal price) : IChatClient
    {
        public Dictionary<string, IReadOnlyList<ChatMessage>> Sent { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var agent = AgentCallContext.Of(options)!.Agent;
            lock (Sent)
            {
                Sent[agent] = [.. messages];
            }

            var p = price.ToString(CultureInfo.InvariantCulture);
            var answer = agent switch
            {
                "trend_following" when vote == "BUY" => $$"""{"action":"BUY","confidence":0.7,"reasoning":"trend","entry_price":{{p}},"stop_loss":{{price * 0.97m}},"take_profit":{{price * 1.06m}},"trend_phase":"ESTABLISHED"}""",
                "trend_following" => """{"action":"CLOSE","confidence":0.7,"reasoning":"trend over","entry_price":null,"stop_loss":null,"take_profit":null,"trend_phase":"EXHAUSTED"}""",
                "mean_reversion" => """{"action":"HOLD","confidence":0.5,"reasoning":"none","entry_price":null,"stop_loss":null,"take_profit":null,"timeframe":"SHORT","risk_reward":0}""",
                "risk_management" => """{"approved":true,"adjusted_size":null,"reasoning":"fine","risk_score":0.4,"recommendations":[],"warnings":[]}""",
                _ => $$"""{"signal":"{{vote}}","confidence":0.8,"reasoning":"{{agent}}","key_factors":["a"],"risk_level":"MEDIUM"}""",
            };
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
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
    }
}
