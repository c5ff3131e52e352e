using CryptoFunk.Agents;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Agents;

public sealed class ChatCompletionAgentTests
{
    private const string Valid = "{\"signal\":\"BUY\",\"confidence\":0.72,\"reasoning\":\"RSI 25 with price under the lower band.\",\"key_factors\":[\"RSI oversold\"],\"risk_level\":\"MEDIUM\"}";
    private static MarketSnapshot? _snapshot;
    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private static async Task<MarketSnapshot> SnapshotAsync()
    {
        if (_snapshot is null)
        {
            var series = await CandleFileReader.ReadAsync(SharedFiles.Path("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"), CancellationToken.None);
            _snapshot = new MarketHistory(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles).SnapshotAt(new DateTimeOffset(2022, 5, 1, 0, 0, 0, TimeSpan.Zero));
        }

        return _snapshot;
    }

    private ServiceProvider Services(Dictionary<string, string?> settings, string? promptDirectory = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Database:ConnectionString"] = $"Data Source={_dir.File("cf.db")}",
            ["Prompts:Directory"] = promptDirectory ?? Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
            ["Llm:Resilience:RetryBaseDelay"] = "00:00:00.010",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEnvironmentVariables>(FakeEnvironmentVariables.Empty)
            .AddTradingEngine(configuration)
            .BuildServiceProvider();
    }

    private static async Task<AgentResponse> RunAsync(ServiceProvider services, IReadOnlyList<AITool>? tools = null)
    {
        var agent = services.GetRequiredService<ChatCompletionAgentFactory>().Create("technical_analysis", tools);
        AgentResponse? last = null;
        await foreach (var response in agent.InvokeAsync([], DecisionInputs.For(new DecisionSituation(await SnapshotAsync()))))
        {
            last = response;
        }

        return last!;
    }

    [Test]
    public async Task Answers_with_a_validated_output_source_tokens_cost_and_prompt_version()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText(Valid, promptTokens: 1500, completionTokens: 120);
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var response = await RunAsync(services);

        Assert.That(response.Abstained, Is.False, response.AbstainReason);
        Assert.That(response.Output!.Value.GetProperty("signal").GetString(), Is.EqualTo("BUY"));
        Assert.That(response.Source.Value, Is.EqualTo("llm:openai/gpt-test"));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(1500));
        Assert.That(response.CostUsd, Is.EqualTo(0.0063m));
        Assert.That(response.PromptVersion, Has.Length.EqualTo(16));
        var sent = openai.LastRequest.RequireJson();
        Assert.That(sent.GetProperty("response_format").GetProperty("type").GetString(), Is.EqualTo("json_schema"));
        var user = sent.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.That(user, Does.Contain("RSI(14) | 25.35 | oversold"), "the numbers come from code");
    }

    [Test]
    public async Task Runs_a_tool_call_round_trip()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithToolCalls(new FakeToolCall("call_1", "Indicators_GetRsi", "{}"));
        openai.ReplyWithText(Valid);
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));
        var rsi = AIFunctionFactory.Create(() => 25.35, "Indicators_GetRsi", "RSI(14) at the decision time");

        var response = await RunAsync(services, [rsi]);

        Assert.That(response.Abstained, Is.False, response.AbstainReason);
        Assert.That(openai.RequestCount, Is.EqualTo(2));
        Assert.That(response.Calls, Is.EqualTo(new ModelCallCounts(2, 0, 0)), "the tool round and the answer are two calls");
        var first = openai.Requests[0].RequireJson();
        Assert.That(first.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("Indicators_GetRsi"));
        var tool = openai.Requests[1].RequireJson().GetProperty("messages").EnumerateArray().Last();
        Assert.That(tool.GetProperty("role").GetString(), Is.EqualTo("tool"));
        Assert.That(tool.GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
        Assert.That(tool.GetProperty("content").GetString(), Is.EqualTo("25.35"));
    }

    [Test]
    public async Task A_model_asking_for_tools_forever_is_cut_off_after_the_cap_and_the_agent_abstains()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = request => FakeReply.Json(200, OpenAIWire.Completion(null, [new FakeToolCall($"call_{request.Body.Length}", "Indicators_GetRsi", "{}")]));
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var response = await RunAsync(services, [AIFunctionFactory.Create(() => 25.35, "Indicators_GetRsi", "RSI(14) at the decision time")]);

        Assert.That(response.Abstained, Is.True);
        Assert.That(openai.RequestCount, Is.EqualTo(2 * (ModelPipelineServiceCollectionExtensions.MaxToolRoundTrips + 1)), "each of the two attempts: the round trips, then one request without tools");
    }

    [Test]
    public async Task A_model_whose_tool_arguments_never_bind_makes_the_agent_abstain_instead_of_failing()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = request => FakeReply.Json(200, OpenAIWire.Completion(null, [new FakeToolCall($"call_{request.Body.Length}", "Indicators_GetRsi", """{"period":"all of them"}""")]));
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var response = await RunAsync(services, [AIFunctionFactory.Create((int period) => 25.35 + period, "Indicators_GetRsi", "RSI at a period")]);

        Assert.That(response.Abstained, Is.True);
        Assert.That(response.AbstainReason, Does.StartWith("the model's answer could not be used: "));
    }

    [Test]
    public async Task The_same_prompt_again_is_a_cache_hit_and_counted_as_one()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText(Valid);
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var first = await RunAsync(services);
        var second = await RunAsync(services);

        Assert.Multiple(() =>
        {
            Assert.That(openai.RequestCount, Is.EqualTo(1));
            Assert.That(first.Calls, Is.EqualTo(new ModelCallCounts(1, 0, 0)));
            Assert.That(second.Calls, Is.EqualTo(new ModelCallCounts(0, 1, 0)));
            Assert.That(second.Source, Is.EqualTo(ResponseSource.Cache));
        });
    }

    [Test]
    public async Task Repairs_non_json_content_once()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText("I would buy here, RSI is low.");
        openai.ReplyWithText(Valid);
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var response = await RunAsync(services);

        Assert.That(response.Abstained, Is.False);
        Assert.That(openai.RequestCount, Is.EqualTo(2));
        Assert.That(response.Calls, Is.EqualTo(new ModelCallCounts(2, 0, 0)), "the repair is a call of its own");
        var repair = openai.Requests[1].RequireJson().GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.That(repair, Does.Contain("holds no JSON object"));
    }

    [Test]
    public async Task Abstains_when_json_with_wrong_types_survives_the_repair()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        const string Wrong = "{\"signal\":\"STRONG_BUY\",\"confidence\":\"very\",\"reasoning\":\"x\",\"key_factors\":[],\"risk_level\":\"LOW\"}";
        openai.ReplyWithText(Wrong);
        openai.ReplyWithText(Wrong);
        await using var services = Services(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var response = await RunAsync(services);

        Assert.That(response.Abstained, Is.True);
        Assert.That(response.Degraded, Is.True);
        Assert.That(response.AbstainReason, Does.Contain("$.signal").And.Contain("$.confidence: expected number"));
        Assert.That(response.Output, Is.Null, "an abstention is never turned into a neutral vote");
    }

    [Test]
    public async Task Every_provider_down_gives_the_rules_answer_marked_degraded()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(500, OpenAIWire.Error("down"));
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.Fallback = _ => FakeReply.Json(529, AnthropicWire.Error("overloaded", "overloaded_error"));
        var settings = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test");
        foreach (var (key, value) in PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"))
        {
            settings[key] = value;
        }

        await using var services = Services(settings);

        var response = await RunAsync(services);

        Assert.That(response.Source, Is.EqualTo(ResponseSource.Rules));
        Assert.That(response.Degraded, Is.True);
        Assert.That(response.Output!.Value.GetProperty("confidence").GetDouble(), Is.EqualTo(0.3));
        Assert.That(response.Output.Value.GetProperty("signal").GetString(), Is.EqualTo("BUY"), "RSI 25 below the lower band");
        Assert.That(openai.RequestCount, Is.GreaterThan(0));
        Assert.That(anthropic.RequestCount, Is.GreaterThan(0));
    }

    [Test]
    public async Task Without_any_provider_the_rules_engine_answers_and_is_not_degraded()
    {
        await using var services = Services([]);

        var response = await RunAsync(services);

        Assert.That(response.Source, Is.EqualTo(ResponseSource.Rules));
        Assert.That(response.Degraded, Is.False, "a fresh install runs on the rules engine by design");
    }

    [Test]
    public async Task An_edited_prompt_file_changes_the_next_calls_prompt_version_and_a_broken_edit_keeps_it()
    {
        var prompts = Directory.CreateDirectory(_dir.File("prompts")).FullName;
        var file = Path.Combine(prompts, "technical_analysis.yaml");
        File.Copy(Path.Combine(SharedFiles.RepositoryRoot, "prompts", "technical_analysis.yaml"), file);
        await using var services = Services([], prompts);

        var before = (await RunAsync(services)).PromptVersion;
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("expert technical analyst", "seasoned technical analyst", StringComparison.Ordinal));
        var edited = (await RunAsync(services)).PromptVersion;
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)) + "\nunknown_key: true\n");
        var afterBrokenEdit = (await RunAsync(services)).PromptVersion;

        Assert.That(edited, Is.Not.EqualTo(before));
        Assert.That(afterBrokenEdit, Is.EqualTo(edited));
        var errors = services.GetRequiredService<CryptoFunk.Agents.Prompts.IPromptLibrary>().Errors;
        Assert.That(errors.Single().ToString(), Does.Contain("technical_analysis.yaml:").And.Contain("unknown_key"));
    }
}
