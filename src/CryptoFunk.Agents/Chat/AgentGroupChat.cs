using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Agents;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Chat;

/// <summary>
/// Several agents taking turns on one chat history, with Semantic Kernel's <c>AgentGroupChat</c> loop: for at most
/// <see cref="TerminationStrategy.MaximumIterations"/> turns, select an agent, let it answer, ask the termination
/// strategy; stop when it says so. Each turn is kept with the reasons for its selection and termination, so the
/// outcome of a chat can always be explained.
/// </summary>
public sealed class AgentGroupChat
{
    private readonly List<ChatMessage> _history = [];
    private readonly List<AgentGroupChatTurn> _turns = [];

    /// <summary>Creates a chat among <paramref name="agents"/>.</summary>
    public AgentGroupChat(AgentGroupChatSettings executionSettings, params IReadOnlyList<Agent> agents)
    {
        ExecutionSettings = executionSettings;
        Agents = agents;
    }

    /// <summary>The participants.</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>Selection and termination.</summary>
    public AgentGroupChatSettings ExecutionSettings { get; }

    /// <summary>Inputs passed to every agent invocation (the structured context of the decision).</summary>
    public AgentInvokeOptions InvokeOptions { get; init; } = new();

    /// <summary>True once the termination strategy ended the chat.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Every message so far; each agent message carries its <see cref="AgentResponse"/> as raw representation.</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Every turn so far with its reasons.</summary>
    public IReadOnlyList<AgentGroupChatTurn> Turns => _turns;

    /// <summary>
    /// Why the last <see cref="InvokeAsync"/> stopped: the termination strategy's reason, or the iteration limit
    /// (after which, as in SK, the chat is not complete and may be invoked again).
    /// </summary>
    public string? StopReason { get; private set; }

    /// <summary>Adds a message (for example the task) before the agents take turns.</summary>
    public void AddChatMessage(ChatMessage message) => _history.Add(message);

    /// <summary>Runs turns until the termination strategy ends the chat or the iteration limit is reached.</summary>
    public async IAsyncEnumerable<AgentGroupChatTurn> InvokeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var termination = ExecutionSettings.TerminationStrategy;
        if (IsComplete)
        {
            if (!termination.AutomaticReset)
            {
                throw new InvalidOperationException("the chat has completed; set AutomaticReset to run it again");
            }

            IsComplete = false;
            ExecutionSettings.SelectionStrategy.Reset();
        }

        StopReason = null;
        for (var iteration = 0; iteration < termination.MaximumIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var selection = await ExecutionSettings.SelectionStrategy.NextAsync(Agents, _history, cancellationToken);

            var responses = new List<AgentResponse>();
            var options = selection.Arguments.Count == 0 ? InvokeOptions : InvokeOptions.WithArguments(selection.Arguments);
            if (selection.Situation is { } situation)
            {
                options = options with { Situation = situation };
            }

            await foreach (var response in selection.Agent.InvokeAsync(_history, options, cancellationToken))
            {
                response.Message.RawRepresentation = response;
                response.Message.AuthorName ??= response.AgentName;
                _history.Add(response.Message);
                responses.Add(response);
            }

            var result = await termination.ShouldTerminateAsync(selection.Agent, _history, cancellationToken);
            var turn = new AgentGroupChatTurn(iteration + 1, selection, responses, result);
            _turns.Add(turn);
            IsComplete = result.ShouldTerminate;
            StopReason = IsComplete ? result.Reason : null;
            yield return turn;
            if (IsComplete)
            {
                yield break;
            }
        }

        StopReason = $"iteration limit of {termination.MaximumIterations} reached";
    }
}
