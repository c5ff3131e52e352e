using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CryptoFunk.Agents.Functions;
using CryptoFunk.Agents.Gateway;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.StructuredOutput;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// An agent whose instructions are a prompt file (as Semantic Kernel's <c>ChatCompletionAgent</c> built from a
/// <c>PromptTemplateConfig</c>), with plugin functions as tools. Each call renders the current version of its prompt,
/// lets the model call tools, and validates the answer against the prompt's output schema, with one repair retry;
/// an answer still invalid makes the agent abstain with the reason. When no model can answer it falls back to the
/// rules engine, then holds, and its response says so.
/// </summary>
public sealed class ChatCompletionAgent : Agent
{
    /// <summary>The prompt file (its <c>name</c>) holding this agent's instructions.</summary>
    public required string PromptName { get; init; }

    /// <summary>Where prompts are loaded (and reloaded) from.</summary>
    public required IPromptLibrary Prompts { get; init; }

    /// <summary>The way to the models.</summary>
    public required LlmGateway Gateway { get; init; }

    /// <summary>The deterministic fallback.</summary>
    public required IRulesEngine Rules { get; init; }

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
        var schema = prompt.OutputSchema;

        var arguments = options.ArgumentsFor(Name);
        var (messages, renderError) = await RenderAsync(prompt, arguments, cancellationToken);
        if (messages is null)
        {
            yield return AgentResponses.Abstain(Name, $"prompt '{PromptName}' could not be rendered: {renderError}", prompt.Version);
            yield break;
        }

        var chatOptions = prompt.CreateChatOptions() ?? new ChatOptions();
        chatOptions.Tools = [.. Tools, .. options.AdditionalTools];
        var optionsByService = prompt.Config.ExecutionSettings.Keys
            .Where(k => k != "default")
            .ToDictionary(k => k, k => WithTools(prompt.CreateChatOptions(k) ?? new ChatOptions(), chatOptions.Tools));

        var gateway = new GatewayChatClient(Gateway, Name, prompt.Name, prompt.Version, optionsByService, options.MarketState);
        var loop = new FunctionInvokingChatClient(gateway);
        AgentResponse response;
        try
        {
            response = await AskModelAsync(loop, gateway, messages, chatOptions, schema, prompt.Version, cancellationToken);
        }
        catch (LlmUnavailableException e)
        {
            response = Fallback(arguments, schema, prompt.Version, e.Message, degraded: Gateway.HasProviders || Gateway.Mode == LlmMode.Replay);
        }

        yield return response with { Latency = Stopwatch.GetElapsedTime(started) };
    }

    private static async Task<(List<ChatMessage>? Messages, string? Error)> RenderAsync(LoadedPrompt prompt, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return ([.. await prompt.RenderAsync(new PromptArguments(arguments), cancellationToken)], null);
        }
        catch (PromptRenderException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<AgentResponse> AskModelAsync(
        FunctionInvokingChatClient loop,
        GatewayChatClient gateway,
        List<ChatMessage> messages,
        ChatOptions chatOptions,
        JsonElement? schema,
        string promptVersion,
        CancellationToken cancellationToken)
    {
        var response = await loop.GetResponseAsync(messages, chatOptions, cancellationToken);
        var usage = response.Usage;
        var cost = ChatResponseCost.Of(response);
        var parsed = StructuredOutputParser.Parse(response.Text, schema);
        if (!parsed.IsValid)
        {
            messages.AddRange(response.Messages);
            messages.Add(new ChatMessage(ChatRole.User, $"Your answer was not accepted: {parsed.Error}. Reply again with only one JSON object that matches the required schema."));
            var repaired = await loop.GetResponseAsync(messages, chatOptions, cancellationToken);
            usage = Sum(usage, repaired.Usage);
            cost += ChatResponseCost.Of(repaired);
            response = repaired;
            parsed = StructuredOutputParser.Parse(repaired.Text, schema);
        }

        var sources = gateway.Results.Select(r => r.Source).Distinct().ToList();
        var source = sources.LastOrDefault(s => s.IsLlm) is { Value: not null } llm ? llm : sources.Last();
        var degraded = gateway.Results.Any(r => r.Degraded);
        var calls = new ModelCallCounts(
            gateway.Results.Count(r => r.Source.IsLlm),
            gateway.Results.Count(r => r.Source == ResponseSource.Cache),
            gateway.Results.Count(r => r.Source == ResponseSource.Replay));
        if (!parsed.IsValid)
        {
            return AgentResponses.Abstain(Name, $"the model's answer was invalid after one repair: {parsed.Error}", promptVersion) with
            {
                Source = source,
                Usage = usage,
                CostUsd = cost,
                Calls = calls,
            };
        }

        return new AgentResponse
        {
            AgentName = Name,
            Message = new ChatMessage(ChatRole.Assistant, parsed.Output.Value.GetRawText()) { AuthorName = Name },
            Output = parsed.Output,
            Source = source,
            Degraded = degraded,
            PromptVersion = promptVersion,
            Usage = usage,
            CostUsd = cost,
            Calls = calls,
        };
    }

    private AgentResponse Fallback(IReadOnlyDictionary<string, object?> arguments, JsonElement? schema, string promptVersion, string llmError, bool degraded)
    {
        if (Rules.Answer(Name, arguments) is not { } answer)
        {
            return AgentResponses.Abstain(Name, $"no model answered and no rule applies ({llmError})", promptVersion);
        }

        if (schema is { } s && JsonSchemaValidator.Validate(answer.Output, s) is { Count: > 0 } errors)
        {
            return AgentResponses.Abstain(Name, $"the rules answer does not fit the prompt's schema: {string.Join("; ", errors)}", promptVersion);
        }

        return new AgentResponse
        {
            AgentName = Name,
            Message = new ChatMessage(ChatRole.Assistant, answer.Output.GetRawText()) { AuthorName = Name },
            Output = answer.Output,
            Source = ResponseSource.Rules,
            Degraded = degraded,
            PromptVersion = promptVersion,
        };
    }

    private static ChatOptions WithTools(ChatOptions options, IList<AITool>? tools)
    {
        options.Tools = tools;
        return options;
    }

    private static UsageDetails? Sum(UsageDetails? a, UsageDetails? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var total = new UsageDetails { InputTokenCount = a.InputTokenCount, OutputTokenCount = a.OutputTokenCount, TotalTokenCount = a.TotalTokenCount };
        total.Add(b);
        return total;
    }
}
