using System.Runtime.CompilerServices;
using System.Text;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Host;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Agents;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CryptoFunk.Tests.Telemetry;

public sealed class TelemetryTests
{
    /// <summary>An agent that asks <paramref name="model"/> with one tool, as the real ones do.</summary>
    private sealed class ToolUsingAgent(IChatClient model) : Agent
    {
        protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(IReadOnlyList<ChatMessage> history, AgentInvokeOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var chat = new ChatOptions { ModelId = "fake-model", Tools = [AIFunctionFactory.Create(() => "{}", "Indicators_GetSnapshot", "All indicators at the decision time")] };
            new AgentCallContext { Agent = Name, PromptName = Name, PromptVersion = "abc123" }.AttachTo(chat);
            await model.GetResponseAsync("indicators?", chat, cancellationToken);

            yield return new AgentResponse
            {
                AgentName = Name,
                Message = new ChatMessage(ChatRole.Assistant, "{}"),
                Source = ResponseSource.Llm("fake/fake-model"),
                PromptVersion = "abc123",
                CostUsd = 0.00081m,
            };
        }
    }

    /// <summary>A model that calls the tool once and then answers, behind Microsoft.Extensions.AI's tool loop and telemetry.</summary>
    private static IChatClient ScriptedModel() =>
        new ChatClientBuilder(new ScriptedChatClient(
                _ => ScriptedChatClient.Calls(new FunctionCallContent("call-1", "Indicators_GetSnapshot")),
                _ => ScriptedChatClient.Text("{}", input: 120, output: 30)))
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: AgentTelemetry.ModelSourceName)
            .Build();

    /// <summary>The application's telemetry over a SQLite file, started as the host would start it.</summary>
    private static ServiceProvider Services(string database, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={database}" };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddCryptoFunkDatabase(configuration)
            .AddAgentTelemetry(configuration)
            .BuildServiceProvider();
        services.GetRequiredService<TracerProvider>();
        services.GetRequiredService<MeterProvider>();
        return services;
    }

    private static async Task RunAgentAsync(IChatClient model)
    {
        await foreach (var _ in new ToolUsingAgent(model) { Name = "technical_analysis", Description = "reads indicators" }.InvokeAsync([]))
        {
        }
    }

    [Test]
    public async Task The_model_pipeline_stores_one_agent_span_with_one_chat_span_per_model_call_and_the_tool_span_under_it()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithToolCalls(new FakeToolCall("call_1", "Indicators_GetSnapshot", "{}"));
        openai.ReplyWithText("{}", promptTokens: 120, completionTokens: 30);
        using var dir = new TempDirectory();
        await using var harness = PipelineHarness.Create(dir.File("cf.db"), PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));
        var tracing = harness.Get<TracerProvider>();

        await RunAgentAsync(harness.Client);
        Assert.That(tracing.ForceFlush(), Is.True);

        await using var context = await harness.Get<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        var spans = await context.Spans.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var agent = spans.Single(s => s.Name.StartsWith("invoke_agent", StringComparison.Ordinal));
        var chats = spans.Where(s => s.Name.StartsWith("chat", StringComparison.Ordinal)).ToList();
        var tool = spans.Single(s => s.Name.StartsWith("execute_tool", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(agent.Name, Is.EqualTo("invoke_agent technical_analysis"));
            Assert.That(agent.ParentSpanId, Is.Null);
            Assert.That(chats, Has.Count.EqualTo(openai.Requests.Count).And.Count.EqualTo(2), "one chat span per model call");
            Assert.That(chats.Select(c => c.ParentSpanId), Has.All.EqualTo(agent.SpanId));
            Assert.That(tool.Name, Is.EqualTo("execute_tool Indicators_GetSnapshot"));
            Assert.That(tool.ParentSpanId, Is.EqualTo(agent.SpanId));
            Assert.That(spans, Has.Count.EqualTo(4), string.Join(", ", spans.Select(s => s.Name)));
            Assert.That(spans.Select(s => s.SpanId), Is.Unique);
            Assert.That(spans.Select(s => s.TraceId).Distinct(), Has.Exactly(1).Items);
            Assert.That(chats[^1].AttributesJson, Does.Contain("\"gen_ai.usage.input_tokens\":\"120\"").And.Contain("\"gen_ai.operation.name\":\"chat\"")
                .And.Contain("\"cryptofunk.response.source\":\"llm:openai/gpt-test\""));
            Assert.That(agent.AttributesJson, Does.Contain("\"cryptofunk.prompt.version\":\"abc123\""));
        });
    }

    [Test]
    public async Task A_full_span_buffer_waits_then_counts_every_span_it_drops()
    {
        const int Spans = 300;
        using var dir = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Telemetry:SpanBufferCapacity"] = "1", ["Telemetry:SpanBufferWait"] = "00:00:00", ["Telemetry:StoreRulesOnlyTraces"] = "true" };
        await using var services = Services(dir.File("cf.db"), settings);
        var drops = services.GetRequiredService<SpanDropCounter>();

        for (var i = 0; i < Spans; i++)
        {
            AgentTelemetry.StartInvokeAgent("technical_analysis", null)?.Dispose();
        }

        Assert.That(services.GetRequiredService<TracerProvider>().ForceFlush(), Is.True);
        await using var context = await services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        var stored = await context.Spans.CountAsync();
        Assert.That(drops.Total, Is.Positive, "a one-span buffer that never waits must drop");
        Assert.That(stored + drops.Total, Is.EqualTo(Spans), "every span is stored or counted");
    }

    [Test]
    public async Task A_backtest_reports_the_spans_it_dropped_in_its_summary_its_stored_run_and_the_traces_listing()
    {
        using var dir = new TempDirectory();
        var database = dir.File("cf.db");
        var settings = new Dictionary<string, string?> { ["Telemetry:SpanBufferCapacity"] = "1", ["Telemetry:SpanBufferWait"] = "00:00:00", ["Telemetry:StoreRulesOnlyTraces"] = "true" };
        var data = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

        var (code, output) = await CliAsync(database, settings, "backtest", "--data", data, "--symbol", "BTC/USDT", "--from", "2021-03-01", "--to", "2021-03-08", "--json", dir.File("report.json"));

        Assert.That(code, Is.Zero, output);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(dir.File("report.json")))!;
        var dropped = report["run"]!["spans_dropped"]!.GetValue<long>();
        var runId = report["run"]!["id"]!.GetValue<string>();
        Assert.That(dropped, Is.Positive);
        Assert.That(output, Does.Contain($"warning: {dropped} spans dropped"));
        await using (var services = Services(database))
        {
            var run = await services.GetRequiredService<TradingStore>().RunAsync(runId, CancellationToken.None);
            Assert.That(run!.SpansDropped, Is.EqualTo(dropped));
        }

        var (listCode, list) = await CliAsync(database, null, "traces");
        Assert.That(listCode, Is.Zero);
        Assert.That(list, Does.Contain($"warning: run {runId}").And.Contain($"dropped {dropped} spans"));
    }

    [Test]
    public async Task A_rules_backtest_stores_its_traces_only_when_asked()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
        string[] backtest = ["backtest", "--data", data, "--symbol", "BTC/USDT", "--from", "2021-03-01", "--to", "2021-03-03"];

        var (defaultCode, defaultOutput) = await CliAsync(dir.File("default.db"), null, backtest);
        var (askedCode, askedOutput) = await CliAsync(dir.File("asked.db"), new() { ["Telemetry:StoreRulesOnlyTraces"] = "true" }, backtest);

        Assert.That(defaultCode, Is.Zero, defaultOutput);
        Assert.That(askedCode, Is.Zero, askedOutput);
        Assert.That(await SpanCountAsync(dir.File("default.db")), Is.Zero, "every answer came from the rules engine as configured");
        Assert.That(await SpanCountAsync(dir.File("asked.db")), Is.GreaterThanOrEqualTo(48 * 3), "a decision span and two analysts per hourly decision");
    }

    [Test]
    public async Task Traces_command_lists_and_shows_stored_traces()
    {
        using var dir = new TempDirectory();
        var database = dir.File("cf.db");
        await using (var services = Services(database))
        {
            await RunAgentAsync(ScriptedModel());
            services.GetRequiredService<TracerProvider>().ForceFlush();
        }

        var (listCode, list) = await CliAsync(database, null, "traces");
        Assert.That(listCode, Is.Zero);
        Assert.That(list, Does.Contain("invoke_agent technical_analysis"));
        Assert.That(list, Does.Not.Contain("warning"));
        var traceId = list.Split('\n')[1].Split(' ')[0];

        var (showCode, tree) = await CliAsync(database, null, "traces", "show", traceId[..10]);
        Assert.That(showCode, Is.Zero);
        Assert.That(tree, Does.Contain("invoke_agent technical_analysis").And.Contain("\n  chat fake-model").And.Contain("\n  execute_tool Indicators_GetSnapshot"));
        Assert.That(tree, Does.Contain("input_tokens=120"));

        var (missingCode, _) = await CliAsync(database, null, "traces", "show", "ffffffffffff");
        Assert.That(missingCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Exports_spans_over_otlp_when_an_endpoint_is_configured()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();

        using var dir = new TempDirectory();
        await using (var services = Services(dir.File("cf.db"), new() { ["Telemetry:OtlpEndpoint"] = collector.Endpoint, ["Telemetry:OtlpProtocol"] = "http/protobuf", ["Telemetry:StoreSpans"] = "false" }))
        {
            await RunAgentAsync(ScriptedModel());
        }

        var traces = collector.Received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.That(traces, Is.Not.Empty, "the collector received no traces");
        Assert.That(traces.Any(t => Encoding.UTF8.GetString(t.Body).Contains("invoke_agent technical_analysis", StringComparison.Ordinal)), Is.True);
        Assert.That(collector.Received.Any(r => r.Path == "/v1/metrics"), Is.True, "the collector received no metrics");
    }

    private static async Task<int> SpanCountAsync(string database)
    {
        await using var services = Services(database);
        await using var context = await services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        return await context.Spans.CountAsync();
    }

    private static async Task<(int Code, string Output)> CliAsync(string database, Dictionary<string, string?>? settings, params string[] args)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(all), CancellationToken.None);
        return (code, output + error.ToString());
    }
}
