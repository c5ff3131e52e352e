using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Orchestration;

/// <summary>An agent that never answers, as behind a hung provider; it says when it was called.</summary>
internal sealed class HangingAgent : Agent
{
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When true it does not even stop when cancelled, as a client that never gives up.</summary>
    public bool IgnoresCancellation { get; init; }

    /// <summary>Completes once the agent has been asked.</summary>
    public Task Called => _called.Task;

    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _called.TrySetResult();
        await Task.Delay(Timeout.Infinite, IgnoresCancellation ? CancellationToken.None : cancellationToken);
        yield break;
    }
}
