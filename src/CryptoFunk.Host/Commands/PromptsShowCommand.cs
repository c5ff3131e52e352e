using System.CommandLine;
using System.Globalization;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Host.Commands;

/// <summary><c>prompts show NAME</c>: one prompt's config, version, execution settings (and the chat options they give) and template.</summary>
internal sealed class PromptsShowCommand(IOptions<PromptLibraryOptions> options) : PromptsCommand(options)
{
    private readonly Argument<string> _name = new("name") { Description = "The prompt's name (see 'prompts list')." };

    public override string Path => "prompts show";

    protected override string Example => "cryptofunk prompts show technical_analysis";

    protected override string Description => "Show one prompt: its config, version, execution settings and template.";

    protected override void Configure(Command command)
    {
        command.Add(_name);
        AddSharedOptions(command);
        command.SetAction((result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            using var library = OpenLibrary(result);
            if (ReportMissingDirectory(library, error))
            {
                return Task.FromResult(1);
            }

            LoadedPrompt prompt;
            try
            {
                prompt = library.Get(result.GetValue(_name)!);
            }
            catch (PromptUnavailableException e)
            {
                error.WriteLine(e.Errors.Count > 0
                    ? $"prompt '{e.PromptName}' is not available:{Environment.NewLine}{string.Join(Environment.NewLine, e.Errors.Select(p => p.Format(Display(p.FilePath))))}"
                    : e.Message);
                return Task.FromResult(1);
            }

            Write(output, prompt);
            return Task.FromResult(0);
        });
    }

    private static void Write(TextWriter output, LoadedPrompt prompt)
    {
        var config = prompt.Config;
        output.WriteLine($"name: {prompt.Name}");
        output.WriteLine($"version: {prompt.Version}");
        output.WriteLine($"file: {Display(prompt.FilePath)}");
        output.WriteLine($"template_format: {config.TemplateFormat}");
        output.WriteLine($"description: {config.Description}");
        if (config.AllowDangerouslySetContent)
        {
            output.WriteLine("allow_dangerously_set_content: true (every value may carry markup)");
        }

        output.WriteLine();
        output.WriteLine("input variables:");
        foreach (var variable in config.InputVariables)
        {
            var flags = new List<string> { variable.IsRequired && variable.Default is null ? "required" : "optional" };
            if (variable.Default is not null)
            {
                flags.Add($"default \"{variable.Default}\"");
            }

            if (variable.AllowDangerouslySetContent)
            {
                flags.Add("dangerous content allowed");
            }

            output.WriteLine($"  {variable.Name} ({string.Join(", ", flags)}): {variable.Description}");
        }

        if (config.OutputVariable is { } outputVariable)
        {
            output.WriteLine();
            output.WriteLine($"output variable: {outputVariable.Description}");
            if (outputVariable.JsonSchema is { } schema)
            {
                output.WriteLine(Indent(schema.TrimEnd(), "  "));
            }
        }

        output.WriteLine();
        output.WriteLine("execution settings:");
        if (config.ExecutionSettings.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var (serviceId, settings) in config.ExecutionSettings)
        {
            var yaml = KernelFunctionYaml.ToYaml(new PromptTemplateConfig
            {
                Name = prompt.Name,
                Template = "-",
                ExecutionSettings = new Dictionary<string, PromptExecutionSettings> { [serviceId] = settings },
            });
            var block = yaml[(yaml.IndexOf("execution_settings:", StringComparison.Ordinal) + "execution_settings:".Length)..];
            output.WriteLine(Indent(block.Trim('\n', '\r'), string.Empty));
            output.WriteLine($"    -> ChatOptions: {Describe(settings.ToChatOptions()!)}");
        }

        output.WriteLine();
        output.WriteLine("template:");
        output.WriteLine(config.Template.TrimEnd());
    }

    private static string Describe(ChatOptions options)
    {
        var parts = new List<string>();
        Add("ModelId", options.ModelId);
        Add("Temperature", options.Temperature);
        Add("TopP", options.TopP);
        Add("TopK", options.TopK);
        Add("MaxOutputTokens", options.MaxOutputTokens);
        Add("Seed", options.Seed);
        Add("PresencePenalty", options.PresencePenalty);
        Add("FrequencyPenalty", options.FrequencyPenalty);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            parts.Add($"StopSequences=[{string.Join(", ", stop)}]");
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatText:
                parts.Add("ResponseFormat=Text");
                break;
            case ChatResponseFormatJson { Schema: null }:
                parts.Add("ResponseFormat=Json");
                break;
            case ChatResponseFormatJson json:
                parts.Add($"ResponseFormat=JsonSchema({json.SchemaName ?? "unnamed"})");
                break;
        }

        Add("ToolMode", options.ToolMode?.GetType().Name.Replace("ChatToolMode", string.Empty, StringComparison.Ordinal));
        Add("AllowMultipleToolCalls", options.AllowMultipleToolCalls);
        foreach (var (key, value) in options.AdditionalProperties ?? [])
        {
            Add(key, value);
        }

        return parts.Count == 0 ? "(provider defaults)" : string.Join(", ", parts);

        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
            }
        }
    }

    private static string Indent(string text, string prefix) =>
        string.Join(Environment.NewLine, text.ReplaceLineEndings("\n").Split('\n').Select(line => prefix + line));
}
