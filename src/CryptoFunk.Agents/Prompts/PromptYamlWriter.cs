using System.Globalization;
using System.Text.Json;
using Microsoft.SemanticKernel;
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
        Entry(PromptYamlKeys.Default, (string?)variable.Default);
        if (!variable.IsRequired)
        {
            Entry(PromptYamlKeys.IsRequired, false);
        }

        Entry(PromptYamlKeys.JsonSchema, variable.JsonSchema);
        if (variable.AllowDangerouslySetContent)
        {
            Entry(PromptYamlKeys.AllowDangerouslySetContent, true);
        }

#pragma warning disable SKEXP0110 // SK marks sample experimental; the schema has it, so it is written.
        Entry(PromptYamlKeys.Sample, (string?)variable.Sample);
#pragma warning restore SKEXP0110
        _emitter.Emit(new MappingEnd());
    }

    /// <summary>The settings as the reader stores them: ids typed, the other keys in extension data, in schema order.</summary>
    private void WriteSettings(PromptExecutionSettings settings)
    {
        var data = settings.ExtensionData ?? new Dictionary<string, object>();
        var empty = settings.ServiceId is null && settings.ModelId is null && settings.FunctionChoiceBehavior is null && data.Count == 0;
        _emitter.Emit(new MappingStart(null, null, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
        Entry(PromptYamlKeys.ServiceId, settings.ServiceId);
        Entry(PromptYamlKeys.ModelId, settings.ModelId);
        foreach (var key in PromptYamlKeys.Settings)
        {
            if (data.TryGetValue(key, out var value))
            {
                Key(key);
                Value(value);
            }
        }

        if (settings.FunctionChoiceBehavior is { } behavior)
        {
            var (type, functions, options) = FunctionChoices.Describe(behavior);
            Key(PromptYamlKeys.FunctionChoiceBehavior);
            _emitter.Emit(new MappingStart());
            Entry(PromptYamlKeys.Type, type);
            if (functions is not null)
            {
                Key(PromptYamlKeys.Functions);
                StringList(functions);
            }

            if (options is not null)
            {
                var flags = options.AllowParallelCalls is not null || options.AllowConcurrentInvocation || options.AllowStrictSchemaAdherence;
                Key(PromptYamlKeys.Options);
                _emitter.Emit(new MappingStart(null, null, isImplicit: true, flags ? MappingStyle.Block : MappingStyle.Flow));
                Entry(PromptYamlKeys.AllowParallelCalls, options.AllowParallelCalls);
                Entry(PromptYamlKeys.AllowConcurrentInvocation, options.AllowConcurrentInvocation ? true : null);
                Entry(PromptYamlKeys.AllowStrictSchemaAdherence, options.AllowStrictSchemaAdherence ? true : null);
                _emitter.Emit(new MappingEnd());
            }

            _emitter.Emit(new MappingEnd());
        }

        _emitter.Emit(new MappingEnd());
    }

    /// <summary>One extension-data value of the types the reader stores.</summary>
    private void Value(object value)
    {
        switch (value)
        {
            case string text:
                String(text);
                break;
            case double number:
                Plain(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                Plain(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> list:
                StringList(list);
                break;
            case JsonElement json:
                Json(json);
                break;
            default:
                throw new ArgumentException($"cannot write a setting of type {value.GetType().Name}", nameof(value));
        }
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
