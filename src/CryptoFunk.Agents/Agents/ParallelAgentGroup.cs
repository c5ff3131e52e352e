using System.Runtime.CompilerServices;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Several agents that answer the same chat at the same time, so one turn of an <see cref="Chat.AgentGroupChat"/>
/// can run the analysis (or strategy) agents in parallel while the chat keeps SK's one-agent-per-turn loop.
/// Responses are yielded in member order, whatever order they finish in, so runs are reproducible. A member that
/// fails abstains, except on a replay miss, which stops the run (replay must never decide differently from the record);
/// a member that misses the call's deadline abstains on its own while the others keep their answers.
/// </summary>
public sealed class ParallelAgentGroup : Agent
{
    /// <summary>The agents that answer together.</summary>
    public required IReadOnlyList<Agent> Members { get; init; }

    /// <inheritdoc />
    protected override bool PassesDeadlineToMembers => true;

    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var runs = Members.Select(member => CollectAsync(member, history, options, cancellationToken)).ToArray();
        var all = await Task.WhenAll(runs);
        foreach (var responses in all)
        {
            foreach (var response in responses)
            {
                yield return response;
            }
        }
    }

    private static async Task<List<AgentResponse>> CollectAsync(Agent agent, IReadOnlyList<ChatMessage> history, AgentInvokeOptions options, CancellationToken cancellationToken)
    {
        var responses = new List<AgentResponse>();
        try
        {
            await foreach (var response in agent.InvokeAsync(history, options, cancellationToken))
            {
                responses.Add(response);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not LlmReplayMissException)
        {
            responses.Add(AgentResponses.Abstain(agent.Name, $"{agent.Name} failed: {e.GetType().Name}: {e.Message}"));
        }

        return responses;
    }
}
