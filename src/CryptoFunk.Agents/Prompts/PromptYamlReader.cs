using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Reads SK prompt YAML strictly: every key must be one SK's schema knows, every value must have the expected shape,
/// and each refusal names the line and column. YamlDotNet's representation model supplies the marks.
/// </summary>
internal sealed partial class PromptYamlReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly string _source;
    private string? _name;

    private PromptYamlReader(string source)
    {
        _source = source;
    }

    /// <summary>Reads <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="PromptFileException">The text is not a valid prompt config.</exception>
    public static ParsedPromptFile Read(string text, string source) => new PromptYamlReader(source).ReadDocument(text);

    private ParsedPromptFile ReadDocument(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Fail(e.Start, $"invalid YAML: {CleanYamlMessage(e)}", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new PromptFileException(new PromptError(_source, 0, 0, "the file is empty; expected a mapping with name, template and the other PromptTemplateConfig keys"));
        }

        if (stream.Documents.Count > 1)
        {
            throw Fail(stream.Documents[1].RootNode.Start, $"expected one YAML document, found {stream.Documents.Count}");
        }

        return ReadConfig(stream.Documents[0].RootNode);
    }

    private ParsedPromptFile ReadConfig(YamlNode root)
    {
        var map = Mapping(root, "the prompt file");
        if (map.Children.TryGetValue(new YamlScalarNode(PromptYamlKeys.Name), out var nameNode) && nameNode is YamlScalarNode)
        {
            _name = NullableString(nameNode, PromptYamlKeys.Name);
        }

        string? description = null;
        string? format = null;
        YamlScalarNode? template = null;
        var inputs = new List<InputVariable>();
        OutputVariable? output = null;
        var settings = new Dictionary<string, PromptExecutionSettings>(StringComparer.Ordinal);
        var dangerous = false;

        foreach (var (key, value) in Entries(map, "the prompt file", PromptYamlKeys.Config))
        {
            switch (key)
            {
                case PromptYamlKeys.Name:
                    break;
                case PromptYamlKeys.Description:
                    description = NullableString(value, key);
                    break;
                case PromptYamlKeys.TemplateFormat:
                    format = NullableString(value, key);
                    if (format is not (null or TemplateFormats.SemanticKernel or TemplateFormats.Handlebars))
                    {
                        throw Fail(value.Start, $"unknown template_format '{format}' (supported: {TemplateFormats.SemanticKernel}, {TemplateFormats.Handlebars})");
                    }

                    break;
                case PromptYamlKeys.Template:
                    template = Scalar(value, key);
                    break;
                case PromptYamlKeys.InputVariables:
                    inputs = ReadInputVariables(value);
                    break;
                case PromptYamlKeys.OutputVariable:
                    output = IsNull(value) ? null : ReadOutputVariable(value);
                    break;
                case PromptYamlKeys.ExecutionSettings:
                    settings = ReadExecutionSettings(value);
                    break;
                case PromptYamlKeys.AllowDangerouslySetContent:
                    dangerous = Bool(value, key);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(_name))
        {
            throw Fail(nameNode?.Start ?? root.Start, "the prompt has no name; add 'name: some_name' (agents look prompts up by name)");
        }

        if (!IsValidName(_name))
        {
            throw Fail(nameNode!.Start, $"name '{_name}' is not a valid function name: use letters, digits and '_' only, as SK requires");
        }

        if (template is null || IsNull(template) || template.Value!.Trim().Length == 0)
        {
            throw Fail(template?.Start ?? root.Start, "the prompt has no template");
        }

        var config = new PromptTemplateConfig
        {
            Name = _name,
            Description = description,
            TemplateFormat = format ?? TemplateFormats.SemanticKernel,
            Template = template.Value,
            InputVariables = inputs,
            OutputVariable = output,
            ExecutionSettings = settings,
            AllowDangerouslySetContent = dangerous,
        };
        return new ParsedPromptFile(config, (int)template.Start.Line, template.Style is ScalarStyle.Literal or ScalarStyle.Folded, (int)nameNode!.Start.Line);
    }

    private List<InputVariable> ReadInputVariables(YamlNode node)
    {
        var result = new List<InputVariable>();
        if (IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Fail(node.Start, "input_variables must be a list of variables (each '- name: ...')");
        }

        var seen = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var path = $"input_variables[{index}]";
            var map = Mapping(sequence.Children[index], path);
            string? name = null;
            var description = string.Empty;
            string? defaultValue = null;
            var required = true;
            string? schema = null;
            var dangerous = false;
            string? sample = null;
            foreach (var (key, value) in Entries(map, path, PromptYamlKeys.Input))
            {
                switch (key)
                {
                    case PromptYamlKeys.Name:
                        name = NullableString(value, $"{path}.name");
                        if (name is null || !IsValidName(name))
                        {
                            throw Fail(value.Start, $"{path}.name '{name}' is not a valid variable name: use letters, digits and '_' only");
                        }

                        if (seen.TryGetValue(name, out var first))
                        {
                            throw Fail(value.Start, $"input variable '{name}' is declared twice (first on line {first.Line})");
                        }

                        seen[name] = value.Start;
                        break;
                    case PromptYamlKeys.Description:
                        description = NullableString(value, $"{path}.description") ?? string.Empty;
                        break;
                    case PromptYamlKeys.Default:
                        defaultValue = ScalarText(value, $"{path}.default", "a default must be a scalar (SK keeps defaults as strings)");
                        break;
                    case PromptYamlKeys.IsRequired:
                        required = Bool(value, $"{path}.is_required");
                        break;
                    case PromptYamlKeys.JsonSchema:
                        schema = JsonText(value, $"{path}.json_schema");
                        break;
                    case PromptYamlKeys.AllowDangerouslySetContent:
                        dangerous = Bool(value, $"{path}.allow_dangerously_set_content");
                        break;
                    case PromptYamlKeys.Sample:
                        sample = ScalarText(value, $"{path}.sample", "a sample must be a scalar");
                        break;
                }
            }

            if (name is null)
            {
                throw Fail(map.Start, $"{path} has no name");
            }

#pragma warning disable SKEXP0110 // SK marks sample experimental; the schema has it, so it is read.
            result.Add(new InputVariable
            {
                Name = name,
                Description = description,
                Default = defaultValue,
                IsRequired = required,
                JsonSchema = schema,
                AllowDangerouslySetContent = dangerous,
                Sample = sample,
            });
#pragma warning restore SKEXP0110
        }

        return result;
    }

    private OutputVariable ReadOutputVariable(YamlNode node)
    {
        const string Path = "output_variable";
        var map = Mapping(node, Path);
        var description = string.Empty;
        string? schema = null;
        foreach (var (key, value) in Entries(map, Path, PromptYamlKeys.Output))
        {
            if (key == PromptYamlKeys.Description)
            {
                description = NullableString(value, $"{Path}.description") ?? string.Empty;
            }
            else
            {
                schema = JsonText(value, $"{Path}.json_schema");
            }
        }

        return new OutputVariable { Description = description, JsonSchema = schema };
    }

    private Dictionary<string, PromptExecutionSettings> ReadExecutionSettings(YamlNode node)
    {
        var result = new Dictionary<string, PromptExecutionSettings>(StringComparer.Ordinal);
        if (IsNull(node))
        {
            return result;
        }

        var map = Mapping(node, "execution_settings");
        foreach (var (keyNode, value) in map.Children)
        {
            var serviceId = NullableString(keyNode, "a service id");
            if (string.IsNullOrWhiteSpace(serviceId))
            {
                throw Fail(keyNode.Start, "execution_settings keys must be 'default' or a service id");
            }

            result[serviceId] = ReadSettings(value, serviceId);
        }

        return result;
    }

    /// <summary>
    /// SK's settings: ids typed, every other key in <see cref="PromptExecutionSettings.ExtensionData"/> under its YAML
    /// name with a checked CLR value (double, int, long, a string list, a format name or JSON), then frozen, because
    /// one loaded config is shared by agents in parallel.
    /// </summary>
    private PromptExecutionSettings ReadSettings(YamlNode node, string serviceKey)
    {
        var path = $"execution_settings.{serviceKey}";
        var settings = new PromptExecutionSettings();
        if (IsNull(node))
        {
            settings.Freeze();
            return settings;
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(Mapping(node, path), path, PromptYamlKeys.Settings))
        {
            var at = $"{path}.{key}";
            switch (key)
            {
                case PromptYamlKeys.ServiceId:
                    settings.ServiceId = ServiceId(value, at, serviceKey);
                    break;
                case PromptYamlKeys.ModelId:
                    settings.ModelId = NullableString(value, at);
                    break;
                case PromptYamlKeys.FunctionChoiceBehavior:
                    settings.FunctionChoiceBehavior = Behavior(value, at);
                    break;
                default:
                    data[key] = key switch
                    {
                        PromptYamlKeys.Temperature => Number(value, at, 0, 2),
                        PromptYamlKeys.TopP => Number(value, at, 0, 1),
                        PromptYamlKeys.TopK => (int)Integer(value, at, 1, int.MaxValue),
                        PromptYamlKeys.MaxTokens => (int)Integer(value, at, 1, int.MaxValue),
                        PromptYamlKeys.Seed => Integer(value, at, long.MinValue, long.MaxValue),
                        PromptYamlKeys.StopSequences => StringList(value, at),
                        PromptYamlKeys.PresencePenalty => Number(value, at, -2, 2),
                        PromptYamlKeys.FrequencyPenalty => Number(value, at, -2, 2),
                        _ => ResponseFormat(value, at),
                    };
                    break;
            }
        }

        if (data.Count > 0)
        {
            settings.ExtensionData = data;
        }

        settings.Freeze();
        return settings;
    }

    private string? ServiceId(YamlNode node, string path, string serviceKey)
    {
        var id = NullableString(node, path);
        if (id is not null && id != serviceKey)
        {
            throw Fail(node.Start, $"{path} '{id}' must match its key '{serviceKey}' (as SK requires)");
        }

        return id;
    }

    /// <summary>A format name (<c>text</c>, <c>json_object</c>) as a string, an object format as JSON.</summary>
    private object ResponseFormat(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            var text = NullableString(scalar, path);
            if (text is not (ResponseFormats.Text or ResponseFormats.JsonObject))
            {
                throw Fail(node.Start, $"{path} '{text}' is not known: use '{ResponseFormats.Text}', '{ResponseFormats.JsonObject}', or an object such as {{type: json_schema, json_schema: {{name, schema, strict}}}}");
            }

            return text;
        }

        var map = Mapping(node, path);
        if (map.Children.TryGetValue(new YamlScalarNode(PromptYamlKeys.Type), out var typeNode))
        {
            var type = NullableString(typeNode, $"{path}.type");
            switch (type)
            {
                case ResponseFormats.Text or ResponseFormats.JsonObject:
                    break;
                case ResponseFormats.JsonSchema:
                    if (!map.Children.TryGetValue(new YamlScalarNode(ResponseFormats.JsonSchema), out var wrapper) ||
                        wrapper is not YamlMappingNode wrapperMap ||
                        !wrapperMap.Children.TryGetValue(new YamlScalarNode("schema"), out var schema) ||
                        schema is not YamlMappingNode)
                    {
                        throw Fail(map.Start, $"{path} of type json_schema needs 'json_schema: {{name: ..., schema: {{...}}}}' with the schema as a mapping");
                    }

                    break;
                default:
                    throw Fail(typeNode.Start, $"{path}.type '{type}' is not known: use text, json_object or json_schema");
            }
        }

        return ToJson(map);
    }

    private FunctionChoiceBehavior Behavior(YamlNode node, string path)
    {
        string? type = null;
        IList<string>? functions = null;
        FunctionChoiceBehaviorOptions? options = null;
        var map = Mapping(node, path);
        foreach (var (key, value) in Entries(map, path, PromptYamlKeys.Behavior))
        {
            switch (key)
            {
                case PromptYamlKeys.Type:
                    type = NullableString(value, $"{path}.type");
                    if (type is not (FunctionChoices.Auto or FunctionChoices.Required or FunctionChoices.None))
                    {
                        throw Fail(value.Start, $"{path}.type '{type}' is not known: use auto, required or none");
                    }

                    break;
                case PromptYamlKeys.Functions:
                    functions = StringList(value, $"{path}.functions");
                    break;
                default:
                    options = BehaviorOptions(value, $"{path}.options");
                    break;
            }
        }

        return type is null
            ? throw Fail(map.Start, $"{path} needs a type (auto, required or none)")
            : FunctionChoices.Create(type, functions, options);
    }

    private FunctionChoiceBehaviorOptions BehaviorOptions(YamlNode node, string path)
    {
        var options = new FunctionChoiceBehaviorOptions();
        foreach (var (key, value) in Entries(Mapping(node, path), path, PromptYamlKeys.BehaviorOptions))
        {
            var flag = Bool(value, $"{path}.{key}");
            switch (key)
            {
                case PromptYamlKeys.AllowParallelCalls:
                    options.AllowParallelCalls = flag;
                    break;
                case PromptYamlKeys.AllowConcurrentInvocation:
                    options.AllowConcurrentInvocation = flag;
                    break;
                default:
                    options.AllowStrictSchemaAdherence = flag;
                    break;
            }
        }

        return options;
    }

    // ---- shapes -------------------------------------------------------------------------------------------------

    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, string path, ImmutableArray<string> known)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : null;
            if (key is null || !known.Contains(key))
            {
                var shown = key ?? keyNode.ToString();
                throw Fail(keyNode.Start, $"unknown key '{shown}' at column {keyNode.Start.Column} in {path}; known keys: {string.Join(", ", known)}");
            }

            yield return (key, value);
        }
    }

    private YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Fail(node.Start, $"{path} must be a mapping of keys to values");

    private YamlScalarNode Scalar(YamlNode node, string path) =>
        node as YamlScalarNode ?? throw Fail(node.Start, $"{path} must be a single value, not a {Describe(node)}");

    private string? NullableString(YamlNode node, string path)
    {
        var scalar = Scalar(node, path);
        return IsNull(scalar) ? null : scalar.Value;
    }

    private string? ScalarText(YamlNode node, string path, string shapeError) =>
        node is YamlScalarNode ? NullableString(node, path) : throw Fail(node.Start, $"{path}: {shapeError}");

    private bool Bool(YamlNode node, string path)
    {
        var text = NullableString(node, path);
        return bool.TryParse(text, out var value) ? value : throw Fail(node.Start, $"{path} must be true or false, not '{text}'");
    }

    private double Number(YamlNode node, string path, double min, double max)
    {
        var text = NullableString(node, path);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Fail(node.Start, $"{path} must be a number, not '{text}'");
        }

        return value < min || value > max
            ? throw Fail(node.Start, $"{path} {text} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}")
            : value;
    }

    private long Integer(YamlNode node, string path, long min, long max)
    {
        var text = NullableString(node, path);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail(node.Start, $"{path} must be a whole number, not '{text}'");
        }

        return value < min ? throw Fail(node.Start, $"{path} {text} must be at least {min.ToString(CultureInfo.InvariantCulture)}")
            : value > max ? throw Fail(node.Start, $"{path} {text} must be at most {max.ToString(CultureInfo.InvariantCulture)}")
            : value;
    }

    private List<string> StringList(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Fail(node.Start, $"{path} must be a list");
        }

        var result = new List<string>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            result.Add(NullableString(item, path) ?? throw Fail(item.Start, $"{path} must not contain empty entries"));
        }

        return result;
    }

    /// <summary>SK keeps JSON schemas as JSON text; the text must parse, and errors point into the file.</summary>
    private string? JsonText(YamlNode node, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Fail(node.Start, $"{path} must be JSON text (SK reads it as a string): write '{path.Split('.')[^1]}: |' and the JSON schema below it");
        }

        if (IsNull(scalar))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(scalar.Value!);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                throw Fail(node.Start, $"{path} must be a JSON schema object");
            }
        }
        catch (JsonException e)
        {
            var line = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded
                ? (int)scalar.Start.Line + 1 + (int)(e.LineNumber ?? 0)
                : (int)scalar.Start.Line;
            throw new PromptFileException(new PromptError(_source, line, 0, $"{path} is not valid JSON: {e.Message}", _name), e);
        }

        return scalar.Value;
    }

    // ---- YAML to JSON (YAML 1.2 core schema for plain scalars) ------------------------------------------------------

    private JsonElement ToJson(YamlNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(node, writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private void WriteJson(YamlNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(NullableString(key, "a key") ?? throw Fail(key.Start, "keys must not be empty"));
                    WriteJson(value, writer);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    WriteJson(item, writer);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(scalar, writer);
                break;
            default:
                throw Fail(node.Start, $"unsupported YAML node {Describe(node)}");
        }
    }

    private static void WriteScalar(YamlScalarNode scalar, Utf8JsonWriter writer)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || HasStringTag(scalar))
        {
            writer.WriteStringValue(text);
        }
        else if (IsNull(scalar))
        {
            writer.WriteNullValue();
        }
        else if (YamlCoreSchema.IsBool(text))
        {
            writer.WriteBooleanValue(char.ToUpperInvariant(text[0]) == 'T');
        }
        else if (YamlCoreSchema.IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (YamlCoreSchema.IsFloat(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar &&
        !HasStringTag(scalar) &&
        YamlCoreSchema.IsNull(scalar.Value);

    private static bool HasStringTag(YamlNode node) =>
        !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == StringTag;

    private static bool IsValidName(string name) => ValidName().IsMatch(name);

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };

    private static string CleanYamlMessage(YamlException e)
    {
        var message = e.Message;
        var dash = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && dash > 0 ? message[(dash + 3)..] : message;
    }

    private PromptFileException Fail(Mark mark, string reason, Exception? inner = null) =>
        new(new PromptError(_source, (int)mark.Line, (int)mark.Column, reason, _name), inner);

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex ValidName();
}
