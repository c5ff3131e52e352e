using System.Collections.Immutable;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Every key the prompt YAML schema knows, per mapping. They are SK's names, i.e. the property names under YamlDotNet's
/// <c>UnderscoredNamingConvention</c> (a test holds the two together); anything else is refused.
/// </summary>
internal static class PromptYamlKeys
{
    public const string Name = "name";
    public const string Description = "description";
    public const string TemplateFormat = "template_format";
    public const string Template = "template";
    public const string InputVariables = "input_variables";
    public const string OutputVariable = "output_variable";
    public const string ExecutionSettings = "execution_settings";
    public const string AllowDangerouslySetContent = "allow_dangerously_set_content";

    public const string Default = "default";
    public const string IsRequired = "is_required";
    public const string JsonSchema = "json_schema";
    public const string Sample = "sample";

    public const string ServiceId = "service_id";
    public const string ModelId = "model_id";
    public const string Temperature = "temperature";
    public const string TopP = "top_p";
    public const string TopK = "top_k";
    public const string MaxTokens = "max_tokens";
    public const string Seed = "seed";
    public const string StopSequences = "stop_sequences";
    public const string PresencePenalty = "presence_penalty";
    public const string FrequencyPenalty = "frequency_penalty";
    public const string ResponseFormat = "response_format";
    public const string FunctionChoiceBehavior = "function_choice_behavior";

    public const string Type = "type";
    public const string Functions = "functions";
    public const string Options = "options";
    public const string AllowParallelCalls = "allow_parallel_calls";
    public const string AllowConcurrentInvocation = "allow_concurrent_invocation";
    public const string AllowStrictSchemaAdherence = "allow_strict_schema_adherence";

    public static readonly ImmutableArray<string> Config =
        [Name, Description, TemplateFormat, Template, InputVariables, OutputVariable, ExecutionSettings, AllowDangerouslySetContent];

    public static readonly ImmutableArray<string> Input = [Name, Description, Default, IsRequired, JsonSchema, AllowDangerouslySetContent, Sample];

    public static readonly ImmutableArray<string> Output = [Description, JsonSchema];

    public static readonly ImmutableArray<string> Settings =
    [
        ServiceId, ModelId, Temperature, TopP, TopK, MaxTokens, Seed, StopSequences, PresencePenalty, FrequencyPenalty,
        ResponseFormat, FunctionChoiceBehavior,
    ];

    public static readonly ImmutableArray<string> Behavior = [Type, Functions, Options];

    public static readonly ImmutableArray<string> BehaviorOptions = [AllowParallelCalls, AllowConcurrentInvocation, AllowStrictSchemaAdherence];
}
