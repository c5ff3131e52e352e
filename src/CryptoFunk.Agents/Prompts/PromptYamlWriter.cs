using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Writes a <see cref="PromptTemplateConfig"/> back as SK prompt YAML, in SK's key order, with multi-line text
/// (templates, JSON schemas) as literal blocks and strings quoted wherever YAML would read them as another type, so
/// that reading the output gives an equal config.
/// </summary>
internal sealed class PromptYamlWriter
{
    private readonly Emitter _emitter;

    private PromptYamlWriter(TextWriter output)
    {
        _emitter = new Emitter(output, new EmitterSettings().WithBestWidth(int.MaxValue).WithIndentedSequences());
    }

    /// <summary>The YAML text of <paramref name="config"/>.</summary>
    public static string Write(PromptTemplateConfig config)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new PromptYamlWriter(text);
        writer.WriteDocument(config);
        return text.ToString();
    }

    private void WriteDocument(PromptTemplateConfig config)
    {
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
        _emitter.Emit(new MappingStart());

        Entry(PromptYamlKeys.Name, config.Name);
        Entry(PromptYamlKeys.Description, config.Description);
        Entry(PromptYamlKeys.TemplateFormat, config.TemplateFormat);
        Entry(PromptYamlKeys.Template, config.Template);

        if (config.InputVariables.Count > 0)
        {
            Key(PromptYamlKeys.InputVariables);
            _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
            foreach (var variable in config.InputVariables)
            {
                WriteInputVariable(variable);
            }

            _emitter.Emit(new SequenceEnd());
        }

        if (config.OutputVariable is { } output)
        {
            Key(PromptYamlKeys.OutputVariable);
            _emitter.Emit(new MappingStart());
            Entry(PromptYamlKeys.Description, NullIfEmpty(output.Description));
            Entry(PromptYamlKeys.JsonSchema, output.JsonSchema);
            _emitter.Emit(new MappingEnd());
        }

        if (config.ExecutionSettings.Count > 0)
        {
            Key(PromptYamlKeys.ExecutionSettings);
            _emitter.Emit(new MappingStart());
            foreach (var (serviceId, settings) in config.ExecutionSettings)
            {
                Key(serviceId);
                WriteSettings(settings);
            }

            _emitter.Emit(new MappingEnd());
        }

        if (config.AllowDangerouslySetContent)
        {
            Entry(PromptYamlKeys.AllowDangerouslySetContent, true);
        }

        _emitter.Emit(new MappingEnd());
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
    }

    private void WriteInputVariable(InputVariable variable)
    {
        _emitter.Emit(new MappingStart());
        Entry(PromptYamlKeys.Name, variable.Name);
        Entry(PromptYamlKeys.Description, NullIfEmpty(variable.Description));
        Entry(PromptYamlKeys.Default, variable.Default);
        if (!variable.IsRequired)
        {
            Entry(PromptYamlKeys.IsRequired, false);
        }

        Entry(PromptYamlKeys.JsonSchema, variable.JsonSchema);
        if (variable.AllowDangerouslySetContent)
        {
            Entry(PromptYamlKeys.AllowDangerouslySetContent, true);
        }

        Entry(PromptYamlKeys.Sample, variable.Sample);
        _emitter.Emit(new MappingEnd());
    }

    private void WriteSettings(PromptExecutionSettings settings)
    {
        var empty = settings == new PromptExecutionSettings();
        _emitter.Emit(new MappingStart(null, null, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
        Entry(PromptYamlKeys.ServiceId, settings.ServiceId);
        Entry(PromptYamlKeys.ModelId, settings.ModelId);
        Entry(PromptYamlKeys.Temperature, settings.Temperature);
        Entry(PromptYamlKeys.TopP, settings.TopP);
        Entry(PromptYamlKeys.TopK, settings.TopK);
        Entry(PromptYamlKeys.MaxTokens, settings.MaxTokens);
        Entry(PromptYamlKeys.Seed, settings.Seed);
        if (settings.StopSequences is { } stop)
        {
            Key(PromptYamlKeys.StopSequences);
            StringList(stop);
        }

        Entry(PromptYamlKeys.PresencePenalty, settings.PresencePenalty);
        Entry(PromptYamlKeys.FrequencyPenalty, settings.FrequencyPenalty);
        if (settings.ResponseFormat is { } format)
        {
            Key(PromptYamlKeys.ResponseFormat);
            Json(format);
        }

        if (settings.FunctionChoiceBehavior is { } behavior)
        {
            Key(PromptYamlKeys.FunctionChoiceBehavior);
            _emitter.Emit(new MappingStart());
            Entry(PromptYamlKeys.Type, behavior.Type);
            if (behavior.Functions is { } functions)
            {
                Key(PromptYamlKeys.Functions);
                StringList(functions);
            }

            if (behavior.Options is { } options)
            {
                Key(PromptYamlKeys.Options);
                _emitter.Emit(new MappingStart(null, null, isImplicit: true, options == new FunctionChoiceBehaviorOptions() ? MappingStyle.Flow : MappingStyle.Block));
                Entry(PromptYamlKeys.AllowParallelCalls, options.AllowParallelCalls);
                Entry(PromptYamlKeys.AllowConcurrentInvocation, options.AllowConcurrentInvocation);
                Entry(PromptYamlKeys.AllowStrictSchemaAdherence, options.AllowStrictSchemaAdherence);
                _emitter.Emit(new MappingEnd());
            }

            _emitter.Emit(new MappingEnd());
        }

        _emitter.Emit(new MappingEnd());
    }

    private void Json(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                _emitter.Emit(new MappingStart());
                foreach (var property in element.EnumerateObject())
                {
                    Key(property.Name);
                    Json(property.Value);
                }

                _emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in element.EnumerateArray())
                {
                    Json(item);
                }

                _emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                String(element.GetString()!);
                break;
            case JsonValueKind.Null:
                Plain("null");
                break;
            default:
                Plain(element.GetRawText());
                break;
        }
    }

    private void StringList(IEnumerable<string> values)
    {
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        foreach (var value in values)
        {
            String(value);
        }

        _emitter.Emit(new SequenceEnd());
    }

    private void Entry(string key, string? value)
    {
        if (value is not null)
        {
            Key(key);
            String(value);
        }
    }

    private void Entry(string key, bool? value)
    {
        if (value is { } flag)
        {
            Key(key);
            Plain(flag ? "true" : "false");
        }
    }

    private void Entry(string key, double? value)
    {
        if (value is { } number)
        {
            Key(key);
            Plain(number.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private void Entry(string key, long? value)
    {
        if (value is { } number)
        {
            Key(key);
            Plain(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void Key(string key) => String(key);

    private void String(string value)
    {
        var style = value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : YamlCoreSchema.IsAmbiguous(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        _emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    private void Plain(string value) =>
        _emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
