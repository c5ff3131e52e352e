using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// Creates chat-completion agents from prompt files, sharing the chat client, the prompt library and the alert sink,
/// each with its own rule from the rules engine.
/// </summary>
public sealed class ChatCompletionAgentFactory(IPromptLibrary prompts, IChatClient chatClient, IRulesEngine rules, IAlertSink? alerts = null)
{
    /// <summary>The prompt library agents read their instructions from.</summary>
    public IPromptLibrary Prompts => prompts;

    /// <summary>An agent named after its prompt file's <c>name</c>, with <paramref name="tools"/>.</summary>
    public ChatCompletionAgent Create(string promptName, IReadOnlyList<AITool>? tools = null)
    {
        var prompt = prompts.Get(promptName);
        return new ChatCompletionAgent
        {
            Name = prompt.Name,
            Description = prompt.Config.Description,
            PromptName = prompt.Name,
            Prompts = prompts,
            ChatClient = chatClient,
            Rule = rules.RuleFor(prompt.Name),
            Tools = tools ?? [],
            Alerts = alerts ?? NullAlertSink.Instance,
        };
    }
}
