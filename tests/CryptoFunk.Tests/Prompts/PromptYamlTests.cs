using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Tests.Support;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Tests.Prompts;

public sealed class PromptYamlTests
{
    private const string EveryKey = """
        name: every_key
        description: Uses every key of the schema.
        template_format: semantic-kernel
        template: |
          <message role="system">Be brief.</message>
          <message role="user">{{$question}}</message>
        input_variables:
          - name: question
            description: What the user asks.
            default: What is BTC?
            is_required: false
            json_schema: |
              {"type": "string"}
            allow_dangerously_set_content: true
            sample: Why?
        output_variable:
          description: The answer.
          json_schema: |
            {"type": "object", "properties": {"answer": {"type": "string"}}}
        execution_settings:
          default:
            service_id: default
            model_id: gpt-4o
            temperature: 0.5
            top_p: 0.9
            top_k: 40
            max_tokens: 300
            seed: 42
            stop_sequences: ["###", "END"]
            presence_penalty: 0.1
            frequency_penalty: -0.2
            response_format: json_object
            function_choice_behavior:
              type: required
              functions: [MarketData.GetCandles, Indicators.Rsi]
              options:
                allow_parallel_calls: true
                allow_concurrent_invocation: false
                allow_strict_schema_adherence: true
          openai:
            model_id: gpt-4o-mini
            response_format:
              type: json_schema
              json_schema:
                name: answer
                strict: true
                schema:
                  type: object
                  properties:
                    answer: {type: string}
                  required: [answer]
        allow_dangerously_set_content: true
        """;

    private static PromptTemplateConfig Load(string yaml) => KernelFunctionYaml.ToPromptTemplateConfig(yaml, "test.yaml");

    private static PromptError Refused(string yaml) =>
        Assert.Throws<PromptFileException>(() => Load(yaml))!.Error;

    [Test]
    public void Loads_every_key_of_the_schema()
    {
        var config = Load(EveryKey);

        Assert.Multiple(() =>
        {
            Assert.That(config.Name, Is.EqualTo("every_key"));
            Assert.That(config.Description, Is.EqualTo("Uses every key of the schema."));
            Assert.That(config.TemplateFormat, Is.EqualTo("semantic-kernel"));
            Assert.That(config.Template, Is.EqualTo("<message role=\"system\">Be brief.</message>\n<message role=\"user\">{{$question}}</message>\n"));
            Assert.That(config.AllowDangerouslySetContent, Is.True);

            var input = config.InputVariables.Single();
            Assert.That(input.Name, Is.EqualTo("question"));
            Assert.That(input.Description, Is.EqualTo("What the user asks."));
            Assert.That(input.Default, Is.EqualTo("What is BTC?"));
            Assert.That(input.IsRequired, Is.False);
            Assert.That(input.JsonSchema, Is.EqualTo("{\"type\": \"string\"}\n"));
            Assert.That(input.AllowDangerouslySetContent, Is.True);
#pragma warning disable SKEXP0110 // SK marks sample experimental.
            Assert.That(input.Sample, Is.EqualTo("Why?"));
#pragma warning restore SKEXP0110

            Assert.That(config.OutputVariable!.Description, Is.EqualTo("The answer."));
            Assert.That(config.OutputVariable.JsonSchema, Does.Contain("\"answer\""));

            var settings = config.ExecutionSettings["default"];
            var data = settings.ExtensionData!;
            Assert.That(settings.ServiceId, Is.EqualTo("default"));
            Assert.That(settings.ModelId, Is.EqualTo("gpt-4o"));
            Assert.That(data["temperature"], Is.EqualTo(0.5));
            Assert.That(data["top_p"], Is.EqualTo(0.9));
            Assert.That(data["top_k"], Is.EqualTo(40));
            Assert.That(data["max_tokens"], Is.EqualTo(300));
            Assert.That(data["seed"], Is.EqualTo(42L));
            Assert.That(data["stop_sequences"], Is.EqualTo(new List<string> { "###", "END" }));
            Assert.That(data["presence_penalty"], Is.EqualTo(0.1));
            Assert.That(data["frequency_penalty"], Is.EqualTo(-0.2));
            Assert.That(data["response_format"], Is.EqualTo("json_object"));
            var behavior = (RequiredFunctionChoiceBehavior)settings.FunctionChoiceBehavior!;
            Assert.That(behavior.Functions, Is.EqualTo(new List<string> { "MarketData.GetCandles", "Indicators.Rsi" }));
            Assert.That(behavior.Options!.AllowParallelCalls, Is.True);
            Assert.That(behavior.Options.AllowConcurrentInvocation, Is.False);
            Assert.That(behavior.Options.AllowStrictSchemaAdherence, Is.True);
            Assert.That(settings.IsFrozen, Is.True, "a loaded config is shared by agents in parallel");

            var openai = config.ExecutionSettings["openai"];
            Assert.That(openai.ModelId, Is.EqualTo("gpt-4o-mini"));
            var format = (JsonElement)openai.ExtensionData!["response_format"];
            Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
            Assert.That(format.GetProperty("json_schema").GetProperty("strict").ValueKind, Is.EqualTo(JsonValueKind.True));
            Assert.That(format.GetProperty("json_schema").GetProperty("schema").GetProperty("required")[0].GetString(), Is.EqualTo("answer"));
        });
    }

    [Test]
    public void Uses_SKs_defaults_for_absent_keys()
    {
        var config = Load("name: minimal\ntemplate: Hello\ninput_variables:\n  - name: x\n");

        Assert.Multiple(() =>
        {
            Assert.That(config.TemplateFormat, Is.EqualTo(TemplateFormats.SemanticKernel));
            Assert.That(config.InputVariables[0].IsRequired, Is.True);
            Assert.That(config.InputVariables[0].Description, Is.Empty);
            Assert.That(config.InputVariables[0].AllowDangerouslySetContent, Is.False);
            Assert.That(config.AllowDangerouslySetContent, Is.False);
            Assert.That(config.OutputVariable, Is.Null);
            Assert.That(config.ExecutionSettings, Is.Empty);
        });
    }

    [TestCase("name: p\ntemplat: Hello\n", 2, 1, "templat", "the prompt file")]
    [TestCase("name: p\ntemplate: Hello\ninput_variables:\n  - name: x\n    requird: true\n", 5, 5, "requird", "input_variables[0]")]
    [TestCase("name: p\ntemplate: Hello\noutput_variable:\n  schema: x\n", 4, 3, "schema", "output_variable")]
    [TestCase("name: p\ntemplate: Hello\nexecution_settings:\n  default:\n    temprature: 0.2\n", 5, 5, "temprature", "execution_settings.default")]
    [TestCase("name: p\ntemplate: Hello\nexecution_settings:\n  default:\n    function_choice_behavior:\n      type: auto\n      auto_invoke: true\n", 7, 7, "auto_invoke", "execution_settings.default.function_choice_behavior")]
    [TestCase("name: p\ntemplate: Hello\nexecution_settings:\n  default:\n    function_choice_behavior:\n      type: auto\n      options:\n        parallel: true\n", 8, 9, "parallel", "execution_settings.default.function_choice_behavior.options")]
    public void Refuses_an_unknown_key_naming_it_with_line_and_column(string yaml, int line, int column, string key, string where)
    {
        var error = Refused(yaml);

        Assert.Multiple(() =>
        {
            Assert.That(error.FilePath, Is.EqualTo("test.yaml"));
            Assert.That(error.Line, Is.EqualTo(line));
            Assert.That(error.Column, Is.EqualTo(column));
            Assert.That(error.Reason, Does.StartWith($"unknown key '{key}' at column {column} in {where}"));
            Assert.That(error.ToString(), Does.StartWith($"test.yaml:{line}: unknown key '{key}'"));
        });
    }

    [TestCase("name: p\ntemplate: x\nname: q\n", 3, "Duplicate key")]
    [TestCase("name: p\ntemplate: [x\n", 3, "invalid YAML")]
    [TestCase("description: no name\ntemplate: x\n", 1, "has no name")]
    [TestCase("name: bad-name\ntemplate: x\n", 1, "not a valid function name")]
    [TestCase("name: p\n", 1, "has no template")]
    [TestCase("name: p\ntemplate: x\ntemplate_format: liquid\n", 3, "unknown template_format 'liquid'")]
    [TestCase("name: p\ntemplate: x\ninput_variables:\n  - name: a\n  - name: A\n", 5, "declared twice (first on line 4)")]
    [TestCase("name: p\ntemplate: x\ninput_variables:\n  - description: nameless\n", 4, "has no name")]
    [TestCase("name: p\ntemplate: x\ninput_variables:\n  - name: a\n    is_required: maybe\n", 5, "must be true or false")]
    [TestCase("name: p\ntemplate: x\ninput_variables:\n  - name: a\n    default: {x: 1}\n", 5, "a default must be a scalar")]
    [TestCase("name: p\ntemplate: x\ninput_variables:\n  - name: a\n    json_schema: {type: string}\n", 5, "must be JSON text")]
    [TestCase("name: p\ntemplate: x\noutput_variable:\n  json_schema: |\n    {\"type\": \"object\",\n     \"x\": }\n", 6, "output_variable.json_schema is not valid JSON")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    temperature: hot\n", 5, "must be a number, not 'hot'")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    temperature: 3\n", 5, "is outside 0..2")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    max_tokens: 0\n", 5, "must be at least 1")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    max_tokens: 1.5\n", 5, "must be a whole number")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    stop_sequences: END\n", 5, "must be a list")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    response_format: xml\n", 5, "response_format 'xml' is not known")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    response_format: {type: json_schema}\n", 5, "needs 'json_schema:")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    function_choice_behavior: {type: sometimes}\n", 5, "'sometimes' is not known")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  default:\n    function_choice_behavior: {functions: [a]}\n", 5, "needs a type")]
    [TestCase("name: p\ntemplate: x\nexecution_settings:\n  openai:\n    service_id: azure\n", 5, "must match its key 'openai'")]
    [TestCase("- a\n- b\n", 1, "must be a mapping")]
    public void Refuses_an_invalid_value_with_its_line(string yaml, int line, string reason)
    {
        var error = Refused(yaml);

        Assert.That(error.Line, Is.EqualTo(line), error.ToString());
        Assert.That(error.Reason, Does.Contain(reason));
    }

    [Test]
    public void Refuses_an_empty_file()
    {
        Assert.That(Refused("# nothing here\n").Reason, Does.Contain("the file is empty"));
    }

    [Test]
    public void An_error_after_the_name_carries_the_prompt_name()
    {
        Assert.That(Refused("name: known\ntemplate: x\ncolour: red\n").PromptName, Is.EqualTo("known"));
    }

    [Test]
    public void Scalar_defaults_are_read_as_text_like_SK()
    {
        var config = Load("name: p\ntemplate: x\ninput_variables:\n  - name: period\n    default: 14\n  - name: flag\n    default: true\n");

        Assert.That(config.InputVariables.Select(v => v.Default), Is.EqualTo(new List<string> { "14", "true" }));
    }

    [Test]
    public void Response_format_yaml_becomes_typed_json()
    {
        var config = Load("""
            name: p
            template: x
            execution_settings:
              default:
                response_format:
                  type: json_schema
                  json_schema:
                    name: "n"
                    schema:
                      type: object
                      properties:
                        a: {type: integer, minimum: 1, maximum: 2.5, default: null}
                        b: {type: string, enum: ["true", 'yes', no]}
            """);

        var schema = ((JsonElement)config.ExecutionSettings["default"].ExtensionData!["response_format"]).GetProperty("json_schema").GetProperty("schema");
        var a = schema.GetProperty("properties").GetProperty("a");
        Assert.Multiple(() =>
        {
            Assert.That(a.GetProperty("minimum").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(a.GetProperty("maximum").GetDouble(), Is.EqualTo(2.5));
            Assert.That(a.GetProperty("default").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var values = schema.GetProperty("properties").GetProperty("b").GetProperty("enum").EnumerateArray().Select(e => e.ValueKind).ToList();
            Assert.That(values, Is.All.EqualTo(JsonValueKind.String), "quoted 'true' and the YAML 1.1 word 'no' stay strings");
        });
    }

    [Test]
    public void Schema_keys_are_SKs_json_names_and_the_settings_keys_SKs_ToChatOptions_reads()
    {
        static HashSet<string> KeysOf(Type type) => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet();

        string[] extensionData = ["temperature", "top_p", "top_k", "max_tokens", "seed", "stop_sequences", "presence_penalty", "frequency_penalty", "response_format"];
        Assert.Multiple(() =>
        {
            Assert.That(KeysOf(typeof(PromptTemplateConfig)), Is.EquivalentTo(PromptYamlKeys.Config));
            Assert.That(KeysOf(typeof(InputVariable)), Is.EquivalentTo(PromptYamlKeys.Input));
            Assert.That(KeysOf(typeof(OutputVariable)), Is.EquivalentTo(PromptYamlKeys.Output));
            Assert.That(KeysOf(typeof(PromptExecutionSettings)).Concat(extensionData), Is.EquivalentTo(PromptYamlKeys.Settings));
            Assert.That(KeysOf(typeof(AutoFunctionChoiceBehavior)).Append("type"), Is.EquivalentTo(PromptYamlKeys.Behavior));
            Assert.That(KeysOf(typeof(FunctionChoiceBehaviorOptions)), Is.EquivalentTo(PromptYamlKeys.BehaviorOptions));
        });
    }

    [Test]
    public void Every_prompt_file_in_the_repository_survives_a_round_trip()
    {
        var files = Directory.EnumerateFiles(Path.Combine(SharedFiles.RepositoryRoot, "prompts"))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();
        Assert.That(files, Is.Not.Empty);

        foreach (var file in files)
        {
            var original = KernelFunctionYaml.ToPromptTemplateConfig(File.ReadAllText(file), file);
            var yaml = KernelFunctionYaml.ToYaml(original);
            var reloaded = KernelFunctionYaml.ToPromptTemplateConfig(yaml, file + " (written)");

            Assert.That(Json(reloaded), Is.EqualTo(Json(original)), $"{file} changed in the round trip:\n{yaml}");
            Assert.That(KernelFunctionYaml.ToYaml(reloaded), Is.EqualTo(yaml), $"{file}: writing is not stable");
        }
    }

    [Test]
    public void The_every_key_example_survives_a_round_trip()
    {
        var original = Load(EveryKey);

        var reloaded = Load(KernelFunctionYaml.ToYaml(original));

        Assert.That(Json(reloaded), Is.EqualTo(Json(original)));
    }

    [Test]
    public void Awkward_text_survives_a_round_trip()
    {
#pragma warning disable SKEXP0110 // SK marks sample experimental.
        var original = new PromptTemplateConfig
        {
            Name = "awkward",
            Description = "true",
            Template = "  leading spaces\ntrailing spaces   \n\ttab\n# not a comment\nkey: value\n\n\nno final newline",
            InputVariables =
            [
                new InputVariable { Name = "a", Default = string.Empty, Description = "null" },
                new InputVariable { Name = "b", Default = "0012", Sample = "- dash", IsRequired = false },
                new InputVariable { Name = "c", Default = "\"quoted\" 'single' {braces} [brackets] & <tags>", JsonSchema = "{\"type\":\"string\"}" },
            ],
            ExecutionSettings = new Dictionary<string, PromptExecutionSettings>
            {
                ["default"] = new() { ExtensionData = new Dictionary<string, object> { ["temperature"] = 0.1, ["seed"] = -5L, ["stop_sequences"] = new List<string> { "\n\n", "yes", "" } } },
                ["empty"] = new(),
            },
        };
#pragma warning restore SKEXP0110

        var yaml = KernelFunctionYaml.ToYaml(original);
        var reloaded = Load(yaml);

        Assert.That(Json(reloaded), Is.EqualTo(Json(original)), yaml);
    }

    [Test]
    public void The_comparison_sees_a_changed_setting()
    {
        var original = Load(EveryKey);
        var changed = Load(EveryKey.Replace("stop_sequences: [\"###\", \"END\"]", "stop_sequences: [\"###\"]", StringComparison.Ordinal));

        Assert.That(Json(changed), Is.Not.EqualTo(Json(original)));
    }

    /// <summary>The config as SK serializes it: SK's types are mutable classes without value equality.</summary>
    private static string Json(PromptTemplateConfig config) => JsonSerializer.Serialize(config);
}
