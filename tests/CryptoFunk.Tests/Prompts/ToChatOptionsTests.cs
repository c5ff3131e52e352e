using System.Text.Json;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Tests.Prompts;

public sealed class ToChatOptionsTests
{
    private static PromptExecutionSettings Settings(string yaml) =>
        KernelFunctionYaml.ToPromptTemplateConfig($"name: p\ntemplate: x\nexecution_settings:\n  default:\n{yaml}", "test.yaml")
            .ExecutionSettings["default"];

    [Test]
    public void Maps_every_sampling_setting()
    {
        var options = Settings("""
                model_id: claude-sonnet-4
                temperature: 0.3
                top_p: 0.9
                top_k: 40
                max_tokens: 1500
                seed: 7
                stop_sequences: ["###", "END"]
                presence_penalty: 0.5
                frequency_penalty: -0.25
            """).ToChatOptions()!;

        Assert.Multiple(() =>
        {
            Assert.That(options.ModelId, Is.EqualTo("claude-sonnet-4"));
            Assert.That(options.Temperature, Is.EqualTo(0.3f));
            Assert.That(options.TopP, Is.EqualTo(0.9f));
            Assert.That(options.TopK, Is.EqualTo(40));
            Assert.That(options.MaxOutputTokens, Is.EqualTo(1500));
            Assert.That(options.Seed, Is.EqualTo(7L));
            Assert.That(options.StopSequences, Is.EqualTo(new List<string> { "###", "END" }));
            Assert.That(options.PresencePenalty, Is.EqualTo(0.5f));
            Assert.That(options.FrequencyPenalty, Is.EqualTo(-0.25f));
            Assert.That(options.ResponseFormat, Is.Null);
            Assert.That(options.ToolMode, Is.Null);
            Assert.That(options.Tools, Is.Null);
        });
    }

    [Test]
    public void Unset_settings_stay_unset()
    {
        var options = new PromptExecutionSettings().ToChatOptions()!;

        Assert.That(options.ModelId, Is.Null);
        Assert.That(options.Temperature, Is.Null);
        Assert.That(options.MaxOutputTokens, Is.Null);
        Assert.That(options.StopSequences, Is.Null);
        Assert.That(options.AdditionalProperties, Is.Null);
    }

    [Test]
    public void Null_settings_give_null_as_in_SK()
    {
        Assert.That(((PromptExecutionSettings?)null).ToChatOptions(), Is.Null);
    }

    [Test]
    public void Json_object_and_text_formats_map_to_their_response_formats()
    {
        Assert.That(Settings("    response_format: json_object\n").ToChatOptions()!.ResponseFormat, Is.SameAs(ChatResponseFormat.Json));
        Assert.That(Settings("    response_format: text\n").ToChatOptions()!.ResponseFormat, Is.SameAs(ChatResponseFormat.Text));
        Assert.That(Settings("    response_format: {type: json_object}\n").ToChatOptions()!.ResponseFormat, Is.SameAs(ChatResponseFormat.Json));
    }

    [Test]
    public void An_openai_json_schema_format_maps_to_a_schema_with_name_and_strictness()
    {
        var options = Settings("""
                response_format:
                  type: json_schema
                  json_schema:
                    name: signal
                    description: A trading signal.
                    strict: true
                    schema:
                      type: object
                      properties:
                        signal: {type: string, enum: [BUY, SELL, HOLD]}
                      required: [signal]
            """).ToChatOptions()!;

        var format = (ChatResponseFormatJson)options.ResponseFormat!;
        Assert.Multiple(() =>
        {
            Assert.That(format.SchemaName, Is.EqualTo("signal"));
            Assert.That(format.SchemaDescription, Is.EqualTo("A trading signal."));
            Assert.That(format.Schema!.Value.GetProperty("type").GetString(), Is.EqualTo("object"));
            Assert.That(format.Schema.Value.GetProperty("properties").GetProperty("signal").GetProperty("enum").GetArrayLength(), Is.EqualTo(3));
            Assert.That(options.AdditionalProperties![CryptoFunk.Agents.Prompts.PromptExecutionSettingsExtensions.StrictJsonSchemaKey], Is.EqualTo(true));
        });
    }

    [Test]
    public void A_bare_schema_object_is_taken_as_the_schema_as_in_SK()
    {
        var options = Settings("    response_format:\n      properties:\n        a: {type: number}\n").ToChatOptions()!;

        var format = (ChatResponseFormatJson)options.ResponseFormat!;
        Assert.That(format.Schema!.Value.GetProperty("properties").GetProperty("a").GetProperty("type").GetString(), Is.EqualTo("number"));
    }

    [TestCase("auto", typeof(AutoChatToolMode))]
    [TestCase("required", typeof(RequiredChatToolMode))]
    [TestCase("none", typeof(NoneChatToolMode))]
    public void Function_choice_behavior_maps_to_the_tool_mode(string type, Type mode)
    {
        var options = Settings($"    function_choice_behavior:\n      type: {type}\n      options: {{allow_parallel_calls: true}}\n").ToChatOptions()!;

        Assert.That(options.ToolMode, Is.TypeOf(mode));
        Assert.That(options.AllowMultipleToolCalls, type == "none" ? Is.Null : Is.True);
        if (options.ToolMode is RequiredChatToolMode required)
        {
            Assert.That(required.RequiredFunctionName, Is.Null, "required means any function, as SK's RequireAny");
        }
    }

    [Test]
    public void Each_call_gets_its_own_options()
    {
        var settings = Settings("    stop_sequences: [a]\n");

        var first = settings.ToChatOptions()!;
        first.StopSequences!.Add("b");

        Assert.That(settings.ToChatOptions()!.StopSequences, Is.EqualTo(new List<string> { "a" }));
    }

    [Test]
    public void Settings_are_chosen_by_service_id_else_default()
    {
        var config = KernelFunctionYaml.ToPromptTemplateConfig("""
            name: p
            template: x
            execution_settings:
              default:
                temperature: 0.2
              anthropic:
                temperature: 0.7
                model_id: claude
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config.GetExecutionSettings("anthropic").ToChatOptions()!.Temperature, Is.EqualTo(0.7f));
            Assert.That(config.GetExecutionSettings("openai").ToChatOptions()!.Temperature, Is.EqualTo(0.2f));
            Assert.That(config.GetExecutionSettings(null).ToChatOptions()!.Temperature, Is.EqualTo(0.2f));
            Assert.That(config.DefaultExecutionSettings.ToChatOptions()!.Temperature, Is.EqualTo(0.2f));
        });
    }

    [Test]
    public void Without_a_default_an_unknown_service_gets_no_settings()
    {
        var config = KernelFunctionYaml.ToPromptTemplateConfig("name: p\ntemplate: x\nexecution_settings:\n  openai:\n    temperature: 1\n");

        Assert.That(config.GetExecutionSettings("anthropic"), Is.Null);
        Assert.That(config.GetExecutionSettings("openai").ToChatOptions()!.Temperature, Is.EqualTo(1f));
    }

    [Test]
    public void The_technical_analysis_prompt_asks_for_its_schema()
    {
        var path = Path.Combine(Support.SharedFiles.RepositoryRoot, "prompts", "technical_analysis.yaml");
        var config = KernelFunctionYaml.ToPromptTemplateConfig(File.ReadAllText(path), path);

        var options = config.GetExecutionSettings("any-service").ToChatOptions()!;

        var format = (ChatResponseFormatJson)options.ResponseFormat!;
        using var outputSchema = JsonDocument.Parse(config.OutputVariable!.JsonSchema!);
        Assert.Multiple(() =>
        {
            Assert.That(options.Temperature, Is.EqualTo(0.2f));
            Assert.That(options.MaxOutputTokens, Is.EqualTo(2000));
            Assert.That(format.SchemaName, Is.EqualTo("technical_analysis_signal"));
            var required = format.Schema!.Value.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
            var declared = outputSchema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.That(required, Is.EqualTo(declared), "the response format and the output variable require the same fields");
        });
    }
}
