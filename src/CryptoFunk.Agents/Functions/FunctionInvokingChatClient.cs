using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using CryptoFunk.Agents.Telemetry;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Functions;

/// <summary>
/// Runs the tool calls a model asks for and sends the results back until the model answers, with the defaults of
/// Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c> (which is not restorable here): at most
/// <see cref="MaximumIterationsPerRequest"/> (40) rounds, at most <see cref="MaximumConsecutiveErrorsPerRequest"/>
/// (3) rounds in a row with a failing function before the error is thrown, and all results of a round in one tool
/// message. Usage is summed over every round.
/// </summary>
public sealed class FunctionInvokingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    /// <summary>Most rounds of function calls per request; the response after the last round is returned as it is.</summary>
    public int MaximumIterationsPerRequest { get; init; } = 40;

    /// <summary>Most consecutive rounds with a failing function before the failure is rethrown.</summary>
    public int MaximumConsecutiveErrorsPerRequest { get; init; } = 3;

    /// <summary>When true, a failing function's exception message is sent to the model; otherwise a generic one.</summary>
    public bool IncludeDetailedErrors { get; init; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var responseMessages = new List<ChatMessage>();
        UsageDetails? totalUsage = null;
        var extraCost = 0m;
        var consecutiveErrors = 0;

        for (var iteration = 0; ; iteration++)
        {
            var response = await base.GetResponseAsync(history, options, cancellationToken);
            responseMessages.AddRange(response.Messages);
            totalUsage = Add(totalUsage, response.Usage);
            extraCost += ChatResponseCost.Of(response);

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || options?.Tools is not { Count: > 0 } || iteration >= MaximumIterationsPerRequest)
            {
                response.Messages = responseMessages;
                response.Usage = totalUsage;
                ChatResponseCost.Set(response, extraCost);
                return response;
            }

            history.AddRange(response.Messages);
            var results = new List<AIContent>(calls.Count);
            var errors = new List<Exception>();
            foreach (var call in calls)
            {
                var result = await InvokeAsync(call, options.Tools, cancellationToken);
                if (result.Exception is not null)
                {
                    errors.Add(result.Exception);
                }

                results.Add(result);
            }

            var toolMessage = new ChatMessage(ChatRole.Tool, results);
            history.Add(toolMessage);
            responseMessages.Add(toolMessage);

            consecutiveErrors = errors.Count > 0 ? consecutiveErrors + 1 : 0;
            if (consecutiveErrors > MaximumConsecutiveErrorsPerRequest)
            {
                if (errors.Count == 1)
                {
                    ExceptionDispatchInfo.Capture(errors[0]).Throw();
                }

                throw new AggregateException(errors);
            }
        }
    }

    /// <summary>Streaming callers get the same loop; the final answer is streamed once the tool rounds are done.</summary>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private async Task<FunctionResultContent> InvokeAsync(FunctionCallContent call, IList<AITool> tools, CancellationToken cancellationToken)
    {
        var function = tools.OfType<AIFunction>().FirstOrDefault(t => t.Name == call.Name);
        if (function is null)
        {
            return new FunctionResultContent(call.CallId, $"Error: Requested function \"{call.Name}\" not found.");
        }

        using var activity = AgentTelemetry.StartExecuteTool(function.Name, function.Description, call.CallId);
        try
        {
            var value = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
            return new FunctionResultContent(call.CallId, value);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            var message = IncludeDetailedErrors ? $"Error: Function failed. Exception: {e.Message}" : "Error: Function failed.";
            return new FunctionResultContent(call.CallId, message) { Exception = e };
        }
    }

    private static UsageDetails? Add(UsageDetails? total, UsageDetails? usage)
    {
        if (usage is null)
        {
            return total;
        }

        if (total is null)
        {
            return new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount };
        }

        total.Add(usage);
        return total;
    }
}
