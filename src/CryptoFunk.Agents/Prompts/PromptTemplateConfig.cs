namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// One prompt file in Semantic Kernel's <c>PromptTemplateConfig</c> schema (the keys <c>name</c>, <c>description</c>,
/// <c>template_format</c>, <c>template</c>, <c>input_variables</c>, <c>output_variable</c>, <c>execution_settings</c>,
/// <c>allow_dangerously_set_content</c>). Names mirror SK so that moving to <c>KernelFunctionYaml</c> is mechanical;
/// unlike SK's mutable class it is an immutable record, because one loaded config is shared by agents in parallel.
/// </summary>
public sealed record PromptTemplateConfig
{
    /// <summary>SK's own template syntax: <c>{{$variable}}</c>.</summary>
    public const string SemanticKernelTemplateFormat = "semantic-kernel";

    /// <summary>Handlebars syntax: <c>{{variable}}</c>, <c>{{#each}}</c>, <c>{{#if}}</c>.</summary>
    public const string HandlebarsTemplateFormat = "handlebars";

    /// <summary>The prompt's name; the library and agents look prompts up by it.</summary>
    public string? Name { get; init; }

    /// <summary>What the prompt does, shown by <c>prompts list</c>.</summary>
    public string? Description { get; init; }

    /// <summary>How <see cref="Template"/> is written; SK's default when absent is <see cref="SemanticKernelTemplateFormat"/>.</summary>
    public string TemplateFormat { get; init; } = SemanticKernelTemplateFormat;

    /// <summary>The template text, usually <c>&lt;message role="..."&gt;</c> elements.</summary>
    public string Template { get; init; } = string.Empty;

    /// <summary>The values the template expects, in file order.</summary>
    public IReadOnlyList<InputVariable> InputVariables { get; init; } = [];

    /// <summary>What the model is expected to return (its JSON schema), if declared.</summary>
    public OutputVariable? OutputVariable { get; init; }

    /// <summary>Settings keyed by service id, or <see cref="PromptExecutionSettings.DefaultServiceId"/>.</summary>
    public IReadOnlyDictionary<string, PromptExecutionSettings> ExecutionSettings { get; init; } =
        new Dictionary<string, PromptExecutionSettings>(StringComparer.Ordinal);

    /// <summary>
    /// When true, every inserted value may contain markup (message tags) that shapes the chat; off by default so
    /// that market data and model output cannot inject instructions.
    /// </summary>
    public bool AllowDangerouslySetContent { get; init; }

    /// <summary>The <c>default</c> settings, or null when the file has none.</summary>
    public PromptExecutionSettings? DefaultExecutionSettings =>
        ExecutionSettings.GetValueOrDefault(PromptExecutionSettings.DefaultServiceId);

    /// <summary>
    /// The settings to use with <paramref name="serviceId"/>: the entry keyed by that service id, else the
    /// <c>default</c> entry, else null (as SK's service selector does).
    /// </summary>
    public PromptExecutionSettings? GetExecutionSettings(string? serviceId) =>
        serviceId is not null && ExecutionSettings.TryGetValue(serviceId, out var settings)
            ? settings
            : DefaultExecutionSettings;

    /// <summary>Value equality over every key, including the lists and the settings dictionary.</summary>
    public bool Equals(PromptTemplateConfig? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (string.Equals(Name, other.Name, StringComparison.Ordinal) &&
          string.Equals(Description, other.Description, StringComparison.Ordinal) &&
          string.Equals(TemplateFormat, other.TemplateFormat, StringComparison.Ordinal) &&
          string.Equals(Template, other.Template, StringComparison.Ordinal) &&
          InputVariables.SequenceEqual(other.InputVariables) &&
          Equals(OutputVariable, other.OutputVariable) &&
          AllowDangerouslySetContent == other.AllowDangerouslySetContent &&
          SettingsEqual(ExecutionSettings, other.ExecutionSettings)));

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Name, TemplateFormat, Template, InputVariables.Count, ExecutionSettings.Count);

    private static bool SettingsEqual(
        IReadOnlyDictionary<string, PromptExecutionSettings> left,
        IReadOnlyDictionary<string, PromptExecutionSettings> right) =>
        left.Count == right.Count &&
        left.All(pair => right.TryGetValue(pair.Key, out var value) && pair.Value.Equals(value));
}
