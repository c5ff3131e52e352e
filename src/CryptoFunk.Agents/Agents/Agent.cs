using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Telemetry;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Base of every agent, shaped like Semantic Kernel's <c>Agent</c>: a name, a description and an invocation that
/// reads the chat so far and yields one or more responses. The public entry adds the <c>invoke_agent</c> span;
/// subclasses implement <see cref="InvokeCoreAsync"/>.
/// </summary>
public abstract class Agent
{
    /// <summary>Unique name; used as the message author and in telemetry.</summary>
    public required string Name { get; init; }

    /// <summary>What the agent is for, shown in listings.</summary>
    public string? Description { get; init; }

    /// <summary>Runs the agent on <paramref name="history"/> and yields its responses.</summary>
    public async IAsyncEnumerable<AgentResponse> InvokeAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = AgentTelemetry.StartInvokeAgent(Name, Description);
        var started = Stopwatch.GetTimestamp();
        await foreach (var response in InvokeCoreAsync(history, options ?? new AgentInvokeOptions(), cancellationToken))
        {
            AgentTelemetry.RecordAnswer(activity, response.Source.Value, response.Degraded, response.PromptVersion, response.CostUsd, response.Usage, response.AbstainReason);
            yield return response.Latency == TimeSpan.Zero ? response with { Latency = Stopwatch.GetElapsedTime(started) } : response;
        }
    }

    /// <summary>The agent's own work.</summary>
    protected abstract IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        CancellationToken cancellationToken);
}
