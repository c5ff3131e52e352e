using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// One usable version of a prompt file: its config, its compiled template and its <see cref="Version"/>, which the
/// caller records with each decision. Immutable; a later edit produces a new instance.
/// </summary>
/// <param name="Name">The prompt's <c>name</c>.</param>
/// <param name="Version">The content hash (<see cref="PromptVersion"/>).</param>
/// <param name="FilePath">The file it came from.</param>
/// <param name="Config">The config as read; shared, so never changed after loading.</param>
/// <param name="Template">The compiled template.</param>
public sealed record LoadedPrompt(string Name, string Version, string FilePath, PromptTemplateConfig Config, IChatPromptTemplate Template)
{
    /// <summary>The file line of <c>name</c>, for errors that concern the name.</summary>
    internal int NameLine { get; init; }

    /// <summary>Renders the template; see <see cref="IChatPromptTemplate.RenderMessagesAsync"/>.</summary>
    public ValueTask<IReadOnlyList<ChatMessage>> RenderAsync(KernelArguments? arguments, CancellationToken cancellationToken) =>
        Template.RenderMessagesAsync(arguments, cancellationToken);

    /// <summary>
    /// Chat options from the settings for <paramref name="serviceId"/> (else <c>default</c>); null when the file
    /// has neither.
    /// </summary>
    public ChatOptions? CreateChatOptions(string? serviceId = null) =>
        _chatOptions.GetOrAdd(serviceId ?? PromptExecutionSettings.DefaultServiceId, id => Config.GetExecutionSettings(id).ToChatOptions())?.Clone();

    /// <summary>The output variable's JSON schema, parsed once per prompt version; null when the prompt has none.</summary>
    public JsonElement? OutputSchema { get; } =
        Config.OutputVariable?.JsonSchema is { } schema ? JsonDocument.Parse(schema).RootElement.Clone() : null;

    private readonly ConcurrentDictionary<string, ChatOptions?> _chatOptions = new(StringComparer.Ordinal);
}
