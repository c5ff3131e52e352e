using System.Text.Json;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Providers;

/// <summary>The <c>Llm</c> configuration contract: keys, validation messages, key resolution and redaction.</summary>
public sealed class LlmOptionsTests
{
    private const string SecretKey = "sk-test-CONFIG-9d8c7b6a-distinctive";

    [Test]
    public void Every_documented_key_binds()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Type"] = "anthropic",
            ["Llm:Providers:0:Name"] = "claude",
            ["Llm:Providers:0:Endpoint"] = "http://127.0.0.1:8080",
            ["Llm:Providers:0:ApiKey"] = SecretKey,
            ["Llm:Providers:0:Model"] = "claude-sonnet-4-5",
            ["Llm:Providers:0:TimeoutSeconds"] = "45",
            ["Llm:Providers:0:MaxRetries"] = "3",
            ["Llm:Providers:0:InputUsdPerMillionTokens"] = "3",
            ["Llm:Providers:0:OutputUsdPerMillionTokens"] = "15.5",
            ["Llm:Providers:0:MaxOutputTokens"] = "1500",
            ["Llm:Providers:0:TrainingCutoff"] = "2025-03",
            ["Llm:Providers:1:Type"] = "openai",
            ["Llm:Providers:1:Model"] = "gpt-4o-mini",
            ["Llm:Providers:1:Endpoint"] = "http://127.0.0.1:8080/v1",
            ["Llm:Providers:1:TimeoutSeconds"] = "0.25",
        });

        var first = options.Providers[0];
        Assert.Multiple(() =>
        {
            Assert.That(options.Providers, Has.Count.EqualTo(2));
            Assert.That(first.Type, Is.EqualTo("anthropic"));
            Assert.That(first.Name, Is.EqualTo("claude"));
            Assert.That(first.Endpoint, Is.EqualTo("http://127.0.0.1:8080"));
            Assert.That(first.ApiKey, Is.EqualTo(SecretKey));
            Assert.That(first.Model, Is.EqualTo("claude-sonnet-4-5"));
            Assert.That(first.Timeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
            Assert.That(first.MaxRetries, Is.EqualTo(3));
            Assert.That(first.InputUsdPerMillionTokens, Is.EqualTo(3m));
            Assert.That(first.OutputUsdPerMillionTokens, Is.EqualTo(15.5m));
            Assert.That(first.MaxOutputTokens, Is.EqualTo(1500));
            Assert.That(first.TrainingCutoff, Is.EqualTo("2025-03"));
            Assert.That(first.WithoutApiKey().TrainingCutoff, Is.EqualTo("2025-03"));
            Assert.That(first.DisplayId, Is.EqualTo("claude/claude-sonnet-4-5"));
            Assert.That(options.Providers[1].DisplayId, Is.EqualTo("openai/gpt-4o-mini"));
            Assert.That(options.Providers[1].MaxOutputTokens, Is.EqualTo(LlmProviderOptions.DefaultMaxOutputTokens));
            Assert.That(options.Providers[1].Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(Validator().Errors(options), Is.Empty);
        });
    }

    [Test]
    public void The_environment_variable_form_of_a_key_binds()
    {
        const string variable = "CRYPTOFUNK_Llm__Providers__0__Endpoint";
        Environment.SetEnvironmentVariable(variable, "http://127.0.0.1:8080/v1");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("CRYPTOFUNK_").Build();

            Assert.That(configuration["Llm:Providers:0:Endpoint"], Is.EqualTo("http://127.0.0.1:8080/v1"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TestCase("Type", "gemini", "Llm:Providers:1:Type must be openai or anthropic (got 'gemini')")]
    [TestCase("Type", "", "Llm:Providers:1:Type is required and must be openai or anthropic")]
    [TestCase("Model", "", "Llm:Providers:1:Model is required")]
    [TestCase("Endpoint", "localhost:8080", "Llm:Providers:1:Endpoint must be an absolute http or https URL")]
    [TestCase("Endpoint", "ftp://example.com", "Llm:Providers:1:Endpoint must be an absolute http or https URL")]
    [TestCase("TimeoutSeconds", "0", "Llm:Providers:1:TimeoutSeconds must be above 0 and at most 3600 (got 0)")]
    [TestCase("TimeoutSeconds", "3600.5", "Llm:Providers:1:TimeoutSeconds must be above 0 and at most 3600 (got 3600.5)")]
    [TestCase("MaxRetries", "-1", "Llm:Providers:1:MaxRetries must be between 0 and 10 (got -1)")]
    [TestCase("InputUsdPerMillionTokens", "-0.5", "Llm:Providers:1:InputUsdPerMillionTokens must not be negative")]
    [TestCase("OutputUsdPerMillionTokens", "-2", "Llm:Providers:1:OutputUsdPerMillionTokens must not be negative")]
    [TestCase("MaxOutputTokens", "0", "Llm:Providers:1:MaxOutputTokens must be positive (got 0)")]
    [TestCase("Name", "my gateway", "Llm:Providers:1:Name must be a single word without spaces")]
    [TestCase("TrainingCutoff", "October 2023", "Llm:Providers:1:TrainingCutoff must be a date as YYYY-MM or YYYY-MM-DD (got 'October 2023')")]
    [TestCase("TrainingCutoff", "2023-13", "Llm:Providers:1:TrainingCutoff must be a date as YYYY-MM or YYYY-MM-DD (got '2023-13')")]
    public void A_bad_value_is_reported_with_its_key(string key, string value, string expected)
    {
        var settings = ValidPair();
        settings[$"Llm:Providers:1:{key}"] = value;

        var errors = Validator().Errors(Bind(settings));

        Assert.That(errors, Has.Some.StartsWith(expected));
        Assert.That(errors, Has.None.StartsWith("Llm:Providers:0"));
    }

    [Test]
    public void Two_providers_with_the_same_id_are_rejected()
    {
        var settings = ValidPair();
        settings["Llm:Providers:1:Type"] = "openai";
        settings["Llm:Providers:1:Model"] = "gpt-4o-mini";

        var errors = Validator().Errors(Bind(settings));

        Assert.That(errors, Has.Some.EqualTo(
            "Llm:Providers:1 has the same id 'openai/gpt-4o-mini' as Llm:Providers:0; set Llm:Providers:1:Name to tell them apart"));
    }

    [Test]
    public void An_anthropic_provider_needs_a_key_from_configuration_or_the_environment()
    {
        var settings = ValidPair();
        settings.Remove("Llm:Providers:1:ApiKey");
        var options = Bind(settings);

        Assert.That(Validator().Errors(options),
            Has.Some.EqualTo("Llm:Providers:1:ApiKey is required for anthropic (or set ANTHROPIC_API_KEY)"));
        Assert.That(Validator(new() { ["ANTHROPIC_API_KEY"] = SecretKey }).Errors(options), Is.Empty);
    }

    [Test]
    public void A_local_openai_compatible_server_needs_no_key_but_the_public_api_does()
    {
        var local = Bind(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Type"] = "openai",
            ["Llm:Providers:0:Model"] = "llama3.1",
            ["Llm:Providers:0:Endpoint"] = "http://127.0.0.1:11434/v1",
        });
        var publicApi = Bind(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Type"] = "openai",
            ["Llm:Providers:0:Model"] = "gpt-4o-mini",
        });

        Assert.That(Validator().Errors(local), Is.Empty);
        Assert.That(Validator().Errors(publicApi), Has.Some.EqualTo("Llm:Providers:0:ApiKey is required for openai (or set OPENAI_API_KEY)"));
    }

    [Test]
    public void No_providers_at_all_is_valid()
    {
        Assert.That(Validator().Errors(Bind([])), Is.Empty);
    }

    [Test]
    public void Keys_never_appear_in_text_or_json()
    {
        var options = new LlmProviderOptions { Type = "openai", Model = "gpt-4o-mini", ApiKey = SecretKey };
        var all = new LlmOptions { Providers = [options] };
        using var provider = new LlmProvider(options, ProviderHarness.Create(options));

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain(SecretKey).And.Contain("api key set"));
            Assert.That(all.ToString(), Does.Not.Contain(SecretKey).And.Contain("openai/gpt-4o-mini"));
            Assert.That(provider.ToString(), Does.Not.Contain(SecretKey));
            Assert.That(provider.ChatClient.ToString(), Does.Not.Contain(SecretKey));
            Assert.That(provider.Options.ApiKey, Is.Null);
            Assert.That(JsonSerializer.Serialize(options), Does.Not.Contain(SecretKey).And.Not.Contain("ApiKey"));
            Assert.That(JsonSerializer.Serialize(all), Does.Not.Contain(SecretKey));
        });
    }

    [Test]
    public void Credentials_inside_an_endpoint_are_not_shown()
    {
        var options = new LlmProviderOptions
        {
            Type = "openai",
            Model = "gemini-2.5-flash",
            Endpoint = $"https://user:{SecretKey}@gateway.example/v1?key={SecretKey}",
        };
        using var client = ProviderHarness.Create(options);

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain(SecretKey).And.Contain("https://gateway.example/v1"));
            Assert.That(client.ToString(), Does.Not.Contain(SecretKey));
            Assert.That(client.GetService<ChatClientMetadata>()!.ProviderUri!.ToString(), Does.Not.Contain(SecretKey));
        });
    }

    [Test]
    public async Task Providers_come_from_configuration_through_dependency_injection()
    {
        await using var openAI = await FakeOpenAIServer.StartAsync();
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        openAI.ReplyWithText("from openai");
        anthropic.ReplyWithText("from anthropic");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Type"] = "anthropic",
            ["Llm:Providers:0:Endpoint"] = anthropic.BaseAddress.ToString(),
            ["Llm:Providers:0:Model"] = "claude-test",
            ["Llm:Providers:0:InputUsdPerMillionTokens"] = "3",
            ["Llm:Providers:0:OutputUsdPerMillionTokens"] = "15",
            ["Llm:Providers:1:Type"] = "openai",
            ["Llm:Providers:1:Name"] = "gateway",
            ["Llm:Providers:1:Endpoint"] = openAI.Endpoint.ToString(),
            ["Llm:Providers:1:Model"] = "gpt-test",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEnvironmentVariables>(new FakeEnvironmentVariables(new Dictionary<string, string>
            {
                ["ANTHROPIC_API_KEY"] = "sk-ant-from-environment",
                ["OPENAI_API_KEY"] = "sk-openai-from-environment",
            }))
            .AddLlmProviders(configuration);
        await using var container = services.BuildServiceProvider();

        var registry = container.GetRequiredService<LlmProviderRegistry>();
        var claude = registry.Find("anthropic/claude-test")!;
        var gateway = registry.Find("gateway/gpt-test")!;
        var fromClaude = await claude.ChatClient.GetResponseAsync("hi");
        var fromGateway = await gateway.ChatClient.GetResponseAsync("hi");

        Assert.Multiple(() =>
        {
            Assert.That(registry.Providers.Select(p => p.Id), Is.EqualTo((string[])["anthropic/claude-test", "gateway/gpt-test"]));
            Assert.That(claude.SourceLabel, Is.EqualTo("llm:anthropic/claude-test"));
            Assert.That(fromClaude.Text, Is.EqualTo("from anthropic"));
            Assert.That(fromGateway.Text, Is.EqualTo("from openai"));
            Assert.That($"{anthropic.LastRequest.Header("x-api-key")} {anthropic.LastRequest.Header("Authorization")}",
                Does.Contain("sk-ant-from-environment"));
            Assert.That(openAI.LastRequest.Header("Authorization"), Is.EqualTo("Bearer sk-openai-from-environment"));
            Assert.That(claude.CostOf(fromClaude.Usage), Is.EqualTo((13m * 3m + 8m * 15m) / 1_000_000m));
            Assert.That(gateway.CostOf(fromGateway.Usage), Is.Zero);
        });
    }

    [Test]
    public async Task Invalid_configuration_fails_when_the_providers_are_first_needed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Type"] = "openia",
            ["Llm:Providers:0:Model"] = "gpt-4o-mini",
        }).Build();
        await using var container = new ServiceCollection().AddLogging().AddLlmProviders(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => container.GetRequiredService<LlmProviderRegistry>())!;

        Assert.That(error.Message, Does.Contain("Llm:Providers:0:Type must be openai or anthropic (got 'openia')"));
    }

    private static LlmOptionsValidator Validator(Dictionary<string, string>? environment = null) =>
        new(environment is null ? FakeEnvironmentVariables.Empty : new FakeEnvironmentVariables(environment));

    private static LlmOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new LlmOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LlmOptions.SectionName).Bind(options);
        return options;
    }

    private static Dictionary<string, string?> ValidPair() => new()
    {
        ["Llm:Providers:0:Type"] = "openai",
        ["Llm:Providers:0:Model"] = "gpt-4o-mini",
        ["Llm:Providers:0:ApiKey"] = SecretKey,
        ["Llm:Providers:1:Type"] = "anthropic",
        ["Llm:Providers:1:Model"] = "claude-sonnet-4-5",
        ["Llm:Providers:1:ApiKey"] = SecretKey,
    };
}
