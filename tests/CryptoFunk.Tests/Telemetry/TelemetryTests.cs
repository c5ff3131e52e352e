using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Host;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Agents;
using CryptoFunk.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Tests.Telemetry;

public sealed class TelemetryTests
{
    /// <summary>An agent that asks a model through Microsoft.Extensions.AI's tool loop and telemetry, as the real ones do.</summary>
    private sealed class ToolUsingAgent : Agent
    {
        protected override async IAsyncEnumerable<AgentResponse> InvokeCoreAsync(IReadOnlyList<ChatMessage> history, AgentInvokeOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var tool = AIFunctionFactory.Create(() => "{}", "Indicators_GetSnapshot", "All indicators at the decision time");
            var model = new ScriptedChatClient(
                _ => ScriptedChatClient.Calls(new FunctionCallContent("call-1", "Indicators_GetSnapshot")),
                _ => ScriptedChatClient.Text("{}", input: 120, output: 30));
            using var client = new ChatClientBuilder(model)
                .UseFunctionInvocation()
                .UseOpenTelemetry(sourceName: AgentTelemetry.ModelSourceName)
                .Build();
            await client.GetResponseAsync("indicators?", new ChatOptions { ModelId = "fake-model", Tools = [tool] }, cancellationToken);

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

    private static ServiceProvider Services(string database, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={database}" };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddCryptoFunkDatabase(configuration)
            .AddAgentTelemetry(configuration)
            .BuildServiceProvider();
    }

    private static async Task RunAgentAsync()
    {
        await foreach (var _ in new ToolUsingAgent { Name = "technical_analysis", Description = "reads indicators" }.InvokeAsync([]))
        {
        }
    }

    [Test]
    public async Task Stores_agent_chat_and_tool_spans_with_their_parent_links_and_gen_ai_attributes()
    {
        using var dir = new TempDirectory();
        await using var services = Services(dir.File("cf.db"));
        var pipeline = services.GetRequiredService<TelemetryPipeline>();

        await RunAgentAsync();
        await pipeline.FlushAsync(CancellationToken.None);

        var recent = await services.GetRequiredService<TraceQueries>().RecentAsync(5, CancellationToken.None);
        Assert.That(recent, Has.Count.EqualTo(1));
        Assert.That(recent[0].Root.Name, Is.EqualTo("invoke_agent technical_analysis"));
        Assert.That(recent[0].SpanCount, Is.EqualTo(4), "the agent, two model calls around one tool call");

        var spans = await services.GetRequiredService<TraceQueries>().TraceAsync(recent[0].TraceId[..8], CancellationToken.None);
        var chats = spans.Where(s => s.Name == "chat fake-model").ToList();
        var chat = chats.Last();
        var tool = spans.Single(s => s.Name == "execute_tool Indicators_GetSnapshot");
        Assert.That(chats, Has.Count.EqualTo(2));
        Assert.That(chats.Select(c => c.ParentSpanId), Has.All.EqualTo(recent[0].Root.SpanId));
        Assert.That(tool.ParentSpanId, Is.EqualTo(recent[0].Root.SpanId));
        Assert.That(chat.AttributesJson, Does.Contain("\"gen_ai.usage.input_tokens\":\"120\"").And.Contain("\"gen_ai.operation.name\":\"chat\""));
        Assert.That(recent[0].Root.AttributesJson, Does.Contain("\"cryptofunk.response.source\":\"llm:fake/fake-model\"").And.Contain("\"cryptofunk.prompt.version\":\"abc123\""));
    }

    [Test]
    public async Task Traces_command_lists_and_shows_stored_traces()
    {
        using var dir = new TempDirectory();
        var database = dir.File("cf.db");
        await using (var services = Services(database))
        {
            var pipeline = services.GetRequiredService<TelemetryPipeline>();
            await RunAgentAsync();
            await pipeline.FlushAsync(CancellationToken.None);
        }

        var (listCode, list) = await CliAsync(database, "traces");
        Assert.That(listCode, Is.Zero);
        Assert.That(list, Does.Contain("invoke_agent technical_analysis"));
        var traceId = list.Split('\n')[1].Split(' ')[0];

        var (showCode, tree) = await CliAsync(database, "traces", "show", traceId[..10]);
        Assert.That(showCode, Is.Zero);
        Assert.That(tree, Does.Contain("invoke_agent technical_analysis").And.Contain("\n  chat fake-model").And.Contain("\n  execute_tool Indicators_GetSnapshot"));
        Assert.That(tree, Does.Contain("input_tokens=120"));

        var (missingCode, _) = await CliAsync(database, "traces", "show", "ffffffffffff");
        Assert.That(missingCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Exports_spans_over_otlp_when_an_endpoint_is_configured()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue((http.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var address = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var dir = new TempDirectory();
        await using (var services = Services(dir.File("cf.db"), new() { ["Telemetry:OtlpEndpoint"] = address, ["Telemetry:OtlpProtocol"] = "http/protobuf", ["Telemetry:StoreSpans"] = "false" }))
        {
            var pipeline = services.GetRequiredService<TelemetryPipeline>();
            await RunAgentAsync();
            await pipeline.FlushAsync(CancellationToken.None);
        }

        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.That(traces, Is.Not.Empty, "the collector received no traces");
        Assert.That(traces.Any(t => Encoding.UTF8.GetString(t.Body).Contains("invoke_agent technical_analysis", StringComparison.Ordinal)), Is.True);
        Assert.That(received.Any(r => r.Path == "/v1/metrics"), Is.True, "the collector received no metrics");
    }

    private static async Task<(int Code, string Output)> CliAsync(string database, params string[] args)
    {
        var output = new StringWriter();
        var code = await CryptoFunkApp.RunAsync(args, output, new StringWriter(), c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={database}" }), CancellationToken.None);
        return (code, output.ToString());
    }
}
