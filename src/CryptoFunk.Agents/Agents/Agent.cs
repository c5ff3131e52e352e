using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Telemetry;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Base of every agent, shaped like Semantic Kernel's <c>Agent</c>: a name, a description and an invocation that
/// reads the chat so far and yields one or more responses. The public entry adds the <c>invoke_agent</c> span and
/// holds the agent to the call's <see cref="AgentInvokeOptions.Deadline"/>; subclasses implement
/// <see cref="InvokeCoreAsync"/>.
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
        options ??= new AgentInvokeOptions();
        var responses = options.Deadline is { } deadline && !PassesDeadlineToMembers
            ? AnswerByAsync(deadline, history, options, cancellationToken)
            : InvokeCoreAsync(history, options, cancellationToken);
        await foreach (var response in responses)
        {
            AgentTelemetry.RecordAnswer(activity, response.Source.Value, response.Degraded, response.PromptVersion, response.CostUsd, response.Usage, response.AbstainReason);
            yield return response.Latency == TimeSpan.Zero ? response with { Latency = Stopwatch.GetElapsedTime(started) } : response;
        }
    }

    /// <summary>
    /// True for an agent made of others (a group): it hands the deadline on to each member instead of being cut as a
    /// whole, so the members that answered in time keep their answers.
    /// </summary>
    protected virtual bool PassesDeadlineToMembers => false;

    /// <summary>The agent's own work.</summary>
    protected abstract IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        CancellationToken cancellationToken);

    /// <summary>
    /// The answers of <see cref="InvokeCoreAsync"/>, unless <paramref name="deadline"/> passes first: then the call is
    /// cancelled and left behind (a provider that ignores cancellation cannot hold the caller either) and the agent
    /// abstains, saying so.
    /// </summary>
    private async IAsyncEnumerable<AgentResponse> AnswerByAsync(
        AgentDeadline deadline,
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var late = new CancellationTokenSource(deadline.Timeout, deadline.Time);
        var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, late.Token);
        var answering = CollectAsync(InvokeCoreAsync(history, options, call.Token));

        // The call may outlast this method, so its tokens are released when it ends; its failure is observed there.
        _ = answering.ContinueWith(
            (task, _) =>
            {
                _ = task.Exception;
                call.Dispose();
                late.Dispose();
            },
            null,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        List<AgentResponse> answers;
        if (!answering.IsCompleted && !await AnsweredInTimeAsync(answering, deadline, cancellationToken))
        {
            answers = [deadline.Missed(Name)];
        }
        else
        {
            try
            {
                answers = await answering;
            }
            catch (OperationCanceledException) when (late.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                answers = [deadline.Missed(Name)];
            }
        }

        foreach (var answer in answers)
        {
            yield return answer;
        }
    }

    /// <summary>Whether <paramref name="answering"/> ended before the deadline (in whatever way); throws when the caller cancels.</summary>
    private static async Task<bool> AnsweredInTimeAsync(Task answering, AgentDeadline deadline, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var passed = Task.Delay(deadline.Timeout, deadline.Time, timer.Token);
        var first = await Task.WhenAny(answering, passed);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == answering;
    }

    private static async Task<List<AgentResponse>> CollectAsync(IAsyncEnumerable<AgentResponse> responses)
    {
        var answers = new List<AgentResponse>(1);
        await foreach (var response in responses)
        {
            answers.Add(response);
        }

        return answers;
    }
}
