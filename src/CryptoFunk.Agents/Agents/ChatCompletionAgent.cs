using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.StructuredOutput;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// An agent whose instructions are a prompt file, over an <see cref="IChatClient"/> (as Semantic Kernel's
/// <c>ChatCompletionAgent</c> and Agent Framework's <c>ChatClientAgent</c>): each call renders the current version of
/// its prompt, asks the client (which runs the tool loop), and validates the answer against the prompt's output
/// schema, with one repair retry; an answer still invalid makes the agent abstain with the reason. When no model can
/// answer it falls back to the rules engine, then holds; when that is because the model budget is spent, the answer
/// says <c>budget</c>, else a fallback alert is raised. Anything else a model's answers make fail (a tool loop that
/// gives up) makes it abstain. Its response accounts for every model call it took.
/// </summary>
public sealed class ChatCompletionAgent : Agent
{
    /// <summary>The prompt file (its <c>name</c>) holding this agent's instructions.</summary>
    public required string PromptName { get; init; }

    /// <summary>Where prompts are loaded (and reloaded) from.</summary>
    public required IPromptLibrary Prompts { get; init; }

    /// <summary>The way to the models.</summary>
    public required IChatClient ChatClient { get; init; }

    /// <summary>The deterministic fallback; null when no rule answers for this agent.</summary>
    public AgentRule? Rule { get; init; }

    /// <summary>Where a fallback to the rules or to holding is reported.</summary>
    public IAlertSink Alerts { get; init; } = NullAlertSink.Instance;

    /// <summary>Plugin functions the model may call (read-only for analysis agents).</summary>
    public IReadOnlyList<AITool> Tools { get; init; } = [];

    /// <inheritdoc />
    protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(
        IReadOnlyList<ChatMessage> history,
        AgentInvokeOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prompt = Prompts.Get(PromptName);
        var arguments = options.ArgumentsFor(Name);
        var (messages, renderError) = await RenderAsync(prompt, arguments, cancellationToken);
        if (messages is null)
        {
            yield return AgentResponses.Abstain(Name, $"prompt '{PromptName}' could not be rendered: {renderError}", prompt.Version);
            yield break;
        }

        IList<AITool> tools = [.. Tools, .. options.AdditionalTools];
        var chatOptions = prompt.CreateChatOptions() ?? new ChatOptions();
        chatOptions.Tools = tools;
        var call = new AgentCallContext
        {
            Agent = Name,
            PromptName = prompt.Name,
            PromptVersion = prompt.Version,
            MarketState = options.MarketState,
            OptionsByService = prompt.Config.ExecutionSettings.Keys
                .Where(k => k != "default")
                .ToDictionary(k => k, k => WithTools(prompt.CreateChatOptions(k) ?? new ChatOptions(), tools)),
        };
        call.AttachTo(chatOptions);

        AgentResponse response;
        try
        {
            response = WithModelSource(await AskModelAsync(messages, chatOptions, prompt, cancellationToken), call.Calls);
        }
        catch (LlmUnavailableException e)
        {
            response = Fallback(options.Situation, prompt, e.Message, degraded: !e.NoProviderConfigured);
            if (e.BudgetExhausted)
            {
                response = response with { Source = ResponseSource.Budget };
            }
            else if (response.Degraded && Alerts.IsEnabled)
            {
                Alerts.Raise(FallbackAlert(response));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not LlmReplayMissException)
        {
            // What a model does can make the pipeline throw (the tool loop gives up after three tool calls whose
            // arguments do not bind): the agent abstains, as on an invalid answer, so no model can fail a decision.
            response = WithModelSource(AgentResponses.Abstain(Name, $"the model's answer could not be used: {e.GetType().Name}: {e.Message}", prompt.Version), call.Calls);
        }

        yield return Accounted(response, call.Calls) with { Latency = Stopwatch.GetElapsedTime(started) };
    }

    private static async Task<(List<ChatMessage>? Messages, string? Error)> RenderAsync(LoadedPrompt prompt, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return ([.. await prompt.RenderAsync(arguments.ToKernelArguments(), cancellationToken)], null);
        }
        catch (PromptRenderException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<AgentResponse> AskModelAsync(List<ChatMessage> messages, ChatOptions chatOptions, LoadedPrompt prompt, CancellationToken cancellationToken)
    {
        var schema = prompt.OutputSchema;
        var response = await ChatClient.GetResponseAsync(messages, chatOptions, cancellationToken);
        var parsed = StructuredOutputParser.Parse(response.Text, schema);
        if (!parsed.IsValid)
        {
            messages.AddRange(response.Messages);
            messages.Add(new ChatMessage(ChatRole.User, $"Your answer was not accepted: {QuotedText.Quote(parsed.Error)}. Reply again with only one JSON object that matches the required schema."));
            response = await ChatClient.GetResponseAsync(messages, chatOptions, cancellationToken);
            parsed = StructuredOutputParser.Parse(response.Text, schema);
        }

        if (!parsed.IsValid)
        {
            return AgentResponses.Abstain(Name, $"the model's answer was invalid after one repair: {parsed.Error}", prompt.Version);
        }

        return new AgentResponse
        {
            AgentName = Name,
            Message = new ChatMessage(ChatRole.Assistant, parsed.Output.Value.GetRawText()) { AuthorName = Name },
            Output = parsed.Output,
            Source = ResponseSource.Hold,
            PromptVersion = prompt.Version,
        };
    }

    private AgentResponse Fallback(DecisionSituation? situation, LoadedPrompt prompt, string llmError, bool degraded)
    {
        if (situation is null || Rule?.Answer(situation) is not { } answer)
        {
            return AgentResponses.Abstain(Name, $"no model answered and no rule applies ({llmError})", prompt.Version);
        }

        var response = AgentResponses.Rules(answer);
        if (prompt.OutputSchema is { } schema && JsonSchemaValidator.Validate(response.Output!.Value, schema) is { Count: > 0 } errors)
        {
            return AgentResponses.Abstain(Name, $"the rules answer does not fit the prompt's schema: {string.Join("; ", errors)}", prompt.Version);
        }

        return response with { Degraded = degraded, PromptVersion = prompt.Version };
    }

    /// <summary>The fallback said in our own words: the exception's text lists provider errors, which may quote URLs.</summary>
    private Alert FallbackAlert(AgentResponse response) => new(
        AlertKinds.Fallback,
        AlertSeverity.Warning,
        response.Source == ResponseSource.Rules
            ? $"agent {Name} answered from its rules: no model answered"
            : $"agent {Name} holds: no model answered and no rule applies");

    /// <summary>A model's answer (or abstention over it) says who served it: the last provider, else the cache or replay.</summary>
    private static AgentResponse WithModelSource(AgentResponse response, IReadOnlyList<ModelCall> calls) =>
        calls.Count == 0 ? response : response with
        {
            Source = calls.LastOrDefault(c => c.Source.IsLlm)?.Source ?? calls[^1].Source,
            Degraded = response.Degraded || calls.Any(c => c.Degraded),
        };

    /// <summary>
    /// Puts every model call of the answer on it, whatever became of the answer (a rules fallback after a billed but
    /// unusable answer too): tokens, cost and how the calls were served.
    /// </summary>
    private static AgentResponse Accounted(AgentResponse response, IReadOnlyList<ModelCall> calls)
    {
        if (calls.Count == 0)
        {
            return response;
        }

        var served = calls.Where(c => c.Error is null).ToList();
        var usage = served.Count == 0 ? null : new UsageDetails
        {
            InputTokenCount = served.Sum(c => c.InputTokens),
            OutputTokenCount = served.Sum(c => c.OutputTokens),
            TotalTokenCount = served.Sum(c => c.InputTokens + c.OutputTokens),
        };
        var counts = new ModelCallCounts(
            calls.Count(c => c.Source.IsLlm),
            calls.Count(c => c.Source == ResponseSource.Cache),
            calls.Count(c => c.Source == ResponseSource.Replay),
            calls.Count(c => c.Source == ResponseSource.Budget));
        return response with { Usage = usage, CostUsd = calls.Sum(c => c.CostUsd), Calls = counts };
    }

    private static ChatOptions WithTools(ChatOptions options, IList<AITool> tools)
    {
        options.Tools = tools;
        return options;
    }
}
