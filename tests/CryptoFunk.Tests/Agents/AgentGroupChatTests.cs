using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Chat;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Agents;

public sealed class AgentGroupChatTests
{
    private sealed class EchoAgent : Agent
    {
        public Func<int, Task>? Delay { get; init; }

        public int Calls { get; private set; }

        protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(IReadOnlyList<ChatMessage> history, AgentInvokeOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Calls++;
            if (Delay is not null)
            {
                await Delay(Calls);
            }

            if (Name == "broken")
            {
                throw new InvalidOperationException("model returned garbage");
            }

            var text = $"{Name}#{Calls} saw {history.Count}";
            yield return new AgentResponse { AgentName = Name, Message = new ChatMessage(ChatRole.Assistant, text), Source = ResponseSource.Rules };
        }
    }

    private sealed class RoundRobin : SelectionStrategy
    {
        private int _next;

        protected override Task<SelectionResult> SelectAgentAsync(IReadOnlyList<Agent> agents, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
        {
            var agent = agents[_next++ % agents.Count];
            return Task.FromResult(new SelectionResult(agent, $"turn of {agent.Name}"));
        }

        protected override void ResetCore() => _next = 0;
    }

    private sealed class StopAfter(int messages) : TerminationStrategy
    {
        protected override Task<TerminationResult> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken) =>
            Task.FromResult(history.Count >= messages
                ? TerminationResult.Terminate($"{history.Count} messages")
                : TerminationResult.Continue("not enough yet"));
    }

    private static async Task<List<AgentGroupChatTurn>> RunAsync(AgentGroupChat chat)
    {
        var turns = new List<AgentGroupChatTurn>();
        await foreach (var turn in chat.InvokeAsync())
        {
            turns.Add(turn);
        }

        return turns;
    }

    [Test]
    public async Task Selects_answers_and_stops_when_the_termination_strategy_says_so()
    {
        var a = new EchoAgent { Name = "a" };
        var b = new EchoAgent { Name = "b" };
        var chat = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin(), TerminationStrategy = new StopAfter(3) }, a, b);

        var turns = await RunAsync(chat);

        Assert.That(turns.Select(t => t.Selection.Agent.Name), Is.EqualTo(new[] { "a", "b", "a" }));
        Assert.That(chat.History.Select(m => m.Text), Is.EqualTo(new[] { "a#1 saw 0", "b#1 saw 1", "a#2 saw 2" }));
        Assert.That(chat.IsComplete, Is.True);
        Assert.That(chat.StopReason, Is.EqualTo("3 messages"));
        Assert.That(chat.History[0].RawRepresentation, Is.InstanceOf<AgentResponse>());
        Assert.That(chat.History[0].AuthorName, Is.EqualTo("a"));
    }

    [Test]
    public async Task Stops_at_the_iteration_limit_without_completing_as_in_semantic_kernel()
    {
        var a = new EchoAgent { Name = "a" };
        var chat = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin(), TerminationStrategy = new StopAfter(100) { MaximumIterations = 2 } }, a);

        var turns = await RunAsync(chat);

        Assert.That(turns, Has.Count.EqualTo(2));
        Assert.That(chat.IsComplete, Is.False);
        Assert.That(chat.StopReason, Is.EqualTo("iteration limit of 2 reached"));
    }

    [Test]
    public async Task A_completed_chat_refuses_to_run_again_unless_automatic_reset_is_on()
    {
        var a = new EchoAgent { Name = "a" };
        var once = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin(), TerminationStrategy = new StopAfter(1) }, a);
        await RunAsync(once);
        Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(once));

        var resetting = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin(), TerminationStrategy = new StopAfter(1) { AutomaticReset = true } }, a);
        await RunAsync(resetting);
        var again = await RunAsync(resetting);
        Assert.That(again, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Only_turns_of_the_listed_agents_can_end_the_chat()
    {
        var a = new EchoAgent { Name = "a" };
        var b = new EchoAgent { Name = "b" };
        var chat = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin(), TerminationStrategy = new StopAfter(1) { Agents = [b] } }, a, b);

        var turns = await RunAsync(chat);

        Assert.That(turns.Select(t => t.Selection.Agent.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(turns[0].Termination.Reason, Does.Contain("not an agent whose turn can end the chat"));
    }

    [Test]
    public async Task Initial_agent_takes_the_first_turn()
    {
        var a = new EchoAgent { Name = "a" };
        var b = new EchoAgent { Name = "b" };
        var chat = new AgentGroupChat(new AgentGroupChatSettings { SelectionStrategy = new RoundRobin { InitialAgent = b }, TerminationStrategy = new StopAfter(2) }, a, b);

        var turns = await RunAsync(chat);

        Assert.That(turns.Select(t => t.Selection.Reason), Is.EqualTo(new[] { "initial agent", "turn of a" }));
    }

    [Test]
    public async Task Parallel_group_runs_members_concurrently_and_yields_in_member_order()
    {
        var gate = new TaskCompletionSource();
        var slow = new EchoAgent { Name = "slow", Delay = _ => gate.Task };
        var fast = new EchoAgent { Name = "fast", Delay = _ => { gate.SetResult(); return Task.CompletedTask; } };
        var group = new ParallelAgentGroup { Name = "analysts", Members = [slow, fast] };

        var responses = new List<AgentResponse>();
        await foreach (var r in group.InvokeAsync([]).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            responses.Add(r);
        }

        Assert.That(responses.Select(r => r.AgentName), Is.EqualTo(new[] { "slow", "fast" }), "slow waits for fast, so they must run at the same time");
    }

    [Test]
    public async Task A_member_that_throws_abstains_instead_of_failing_the_group()
    {
        var group = new ParallelAgentGroup { Name = "analysts", Members = [new EchoAgent { Name = "ok" }, new EchoAgent { Name = "broken" }] };

        var responses = new List<AgentResponse>();
        await foreach (var r in group.InvokeAsync([]))
        {
            responses.Add(r);
        }

        Assert.That(responses[0].Abstained, Is.False);
        Assert.That(responses[1].Abstained, Is.True);
        Assert.That(responses[1].Degraded, Is.True);
        Assert.That(responses[1].AbstainReason, Does.Contain("model returned garbage"));
    }
}
