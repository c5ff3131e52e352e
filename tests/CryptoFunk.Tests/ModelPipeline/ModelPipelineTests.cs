using System.Diagnostics;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Trace;

namespace CryptoFunk.Tests.ModelPipeline;

public sealed class ModelPipelineTests
{
    private const string Answer = "{\"signal\":\"BUY\",\"confidence\":0.8}";
    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private PipelineHarness Harness(params Dictionary<string, string?>[] settings) => PipelineHarness.Create(_dir.File("cf.db"), settings);

    [Test]
    public async Task Answers_from_the_first_provider_with_cost_and_source()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText(Answer, promptTokens: 1000, completionTokens: 200);
        await using var harness = Harness(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var result = await harness.AskAsync(PipelineHarness.Request("RSI 28"));

        Assert.That(result.Response.Text, Is.EqualTo(Answer));
        Assert.That(result.Source.Value, Is.EqualTo("llm:openai/gpt-test"));
        Assert.That(result.Degraded, Is.False);
        Assert.That(result.CostUsd, Is.EqualTo(0.006m), "1000 in at $3/M + 200 out at $15/M");
        Assert.That(openai.LastRequest.RequireJson().GetProperty("model").GetString(), Is.EqualTo("gpt-test"));
    }

    [Test]
    public async Task Fails_over_to_the_second_provider_when_the_first_keeps_failing()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(503, OpenAIWire.Error("overloaded"));
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.ReplyWithText(Answer);
        await using var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"));

        var result = await harness.AskAsync(PipelineHarness.Request("RSI 28"));

        Assert.That(result.Source.Value, Is.EqualTo("llm:anthropic/claude-test"));
        Assert.That(openai.RequestCount, Is.EqualTo(2), "one attempt and one retry");
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Failovers, Has.Count.EqualTo(1));
        Assert.That(result.Failovers[0], Does.Contain("openai/gpt-test").And.Contain("503"));
    }

    [Test]
    public async Task Honours_retry_after_on_429()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithError(429, "slow down", retryAfter: "1");
        openai.ReplyWithText(Answer);
        await using var harness = Harness(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        var watch = Stopwatch.StartNew();
        var result = await harness.AskAsync(PipelineHarness.Request("RSI 28"));

        Assert.That(result.Source.Value, Is.EqualTo("llm:openai/gpt-test"));
        Assert.That(openai.RequestCount, Is.EqualTo(2));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "waited for Retry-After: 1 instead of the 10 ms base delay");
    }

    [Test]
    public async Task Cuts_a_hanging_provider_at_its_timeout_and_fails_over()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Hang();
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.ReplyWithText(Answer);
        await using var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test", timeoutSeconds: 1, maxRetries: 0),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"));

        var watch = Stopwatch.StartNew();
        var result = await harness.AskAsync(PipelineHarness.Request("RSI 28"));

        Assert.That(result.Source.Value, Is.EqualTo("llm:anthropic/claude-test"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(result.Failovers[0], Does.Contain("Timeout"));
    }

    [Test]
    public async Task An_open_circuit_skips_a_dead_provider_without_calling_it()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(500, OpenAIWire.Error("down"));
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.Fallback = _ => FakeReply.Json(200, AnthropicWire.Message(Answer));
        await using var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"));

        await harness.AskAsync(PipelineHarness.Request("first"));
        var callsAfterFirst = openai.RequestCount;
        var second = await harness.AskAsync(PipelineHarness.Request("second"));

        Assert.That(callsAfterFirst, Is.EqualTo(2));
        Assert.That(openai.RequestCount, Is.EqualTo(callsAfterFirst), "the open circuit sent no request");
        Assert.That(second.Failovers.Single(), Does.Contain("circuit open"));
        Assert.That(second.Source.Value, Is.EqualTo("llm:anthropic/claude-test"));
    }

    [Test]
    public async Task Every_provider_down_throws_unavailable_with_each_reason()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Body(200, "text/html", "<html>bad gateway</html>");
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.Fallback = _ => FakeReply.Json(401, AnthropicWire.Error("invalid x-api-key", "authentication_error"));
        await using var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"));

        var error = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("RSI 28")))!;

        Assert.That(error.Failures, Has.Count.EqualTo(2));
        Assert.That(error.Failures[0], Does.Contain("MalformedResponse"));
        Assert.That(error.Failures[1], Does.Contain("Authentication"));
        Assert.That(openai.RequestCount, Is.EqualTo(1), "a malformed body is not retried");
    }

    [Test]
    public async Task No_provider_configured_is_unavailable()
    {
        await using var harness = Harness();

        var error = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("RSI 28")))!;

        Assert.That(error.Message, Does.Contain("no LLM provider is configured"));
    }

    [Test]
    public async Task Serves_an_identical_request_from_the_exact_cache()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText(Answer);
        await using var harness = Harness(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"));

        await harness.AskAsync(PipelineHarness.Request("RSI 28"));
        var again = await harness.AskAsync(PipelineHarness.Request("RSI 28"));
        var different = PipelineHarness.Request("RSI 28") with { PromptVersion = "v2" };
        openai.ReplyWithText(Answer);
        var changed = await harness.AskAsync(different);

        Assert.That(again.Source, Is.EqualTo(ResponseSource.Cache));
        Assert.That(again.CostUsd, Is.Zero);
        Assert.That(again.Response.Text, Is.EqualTo(Answer));
        Assert.That(changed.Source.IsLlm, Is.True, "a new prompt version is a new key");
        Assert.That(openai.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Record_then_replay_gives_identical_answers_without_any_provider_request()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        var replies = Enumerable.Range(0, 5).Select(i => $"{{\"signal\":\"HOLD\",\"confidence\":0.{i}1,\"reasoning\":\"call {i}\"}}").ToList();
        foreach (var reply in replies)
        {
            openai.ReplyWithText(reply);
        }

        var recorded = new List<string>();
        var provider = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test");
        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "record" }))
        {
            for (var i = 0; i < 5; i++)
            {
                recorded.Add((await harness.AskAsync(PipelineHarness.Request($"state {i}"))).Response.Text);
            }
        }

        var requestsWhileRecording = openai.RequestCount;
        var replayed = new List<string>();
        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "replay" }))
        {
            for (var i = 0; i < 5; i++)
            {
                var result = await harness.AskAsync(PipelineHarness.Request($"state {i}"));
                Assert.That(result.Source, Is.EqualTo(ResponseSource.Replay));
                replayed.Add(result.Response.Text);
            }

            var miss = Assert.ThrowsAsync<LlmReplayMissException>(() => harness.AskAsync(PipelineHarness.Request("never recorded")))!;
            Assert.That(miss.Message, Does.Contain("--llm-mode record"));
        }

        Assert.That(requestsWhileRecording, Is.EqualTo(5));
        Assert.That(openai.RequestCount, Is.EqualTo(5), "replay sent no request");
        Assert.That(replayed, Is.EqualTo(recorded));
        Assert.That(recorded, Is.EqualTo(replies));
    }

    [Test]
    public async Task Recorded_failures_replay_as_failures()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(400, OpenAIWire.Error("context too long"));
        var provider = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test");
        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "record" }))
        {
            Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("state")));
        }

        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "replay" }))
        {
            var error = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("state")))!;
            Assert.That(error.Message, Does.Contain("replayed failure").And.Contain("context too long"));
        }

        Assert.That(openai.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Similarity_tier_reuses_a_close_earlier_state_of_the_same_market_only()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(200, OpenAIWire.Completion(Answer));
        await using var harness = Harness(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"), new() { ["Llm:Cache:SimilarityThreshold"] = "0.95" });
        var t0 = new DateTimeOffset(2022, 5, 1, 0, 0, 0, TimeSpan.Zero);
        PipelineRequest At(string text, string symbol, DateTimeOffset time, double rsi, string agent = "technical_analysis") =>
            PipelineHarness.Request(text, agent) with { Context = new CacheContext(symbol, "1h", "flat", time, [rsi, 0.1, 27.0]) };

        await harness.AskAsync(At("first", "BTC/USDT", t0, 32.0));
        var close = await harness.AskAsync(At("second", "BTC/USDT", t0.AddHours(1), 33.0));
        var otherSymbol = await harness.AskAsync(At("third", "ETH/USDT", t0.AddHours(1), 32.0));
        var far = await harness.AskAsync(At("fourth", "BTC/USDT", t0.AddHours(2), 70.0));
        var earlier = await harness.AskAsync(At("fifth", "BTC/USDT", t0.AddHours(-5), 32.0));
        await harness.AskAsync(At("risk", "BTC/USDT", t0, 32.0, "risk_management"));
        var risk = await harness.AskAsync(At("risk again", "BTC/USDT", t0.AddHours(1), 32.0, "risk_management"));

        Assert.That(close.Source, Is.EqualTo(ResponseSource.Cache));
        Assert.That(otherSymbol.Source.IsLlm, Is.True, "never across symbols");
        Assert.That(far.Source.IsLlm, Is.True, "features too different");
        Assert.That(earlier.Source.IsLlm, Is.True, "answers from after the decision time are never used");
        Assert.That(risk.Source.IsLlm, Is.True, "the risk agent is excluded by default");
    }

    [Test]
    public async Task Api_keys_never_reach_logs_spans_or_stored_calls()
    {
        const string Secret = "sk-test-DO-NOT-LEAK-0123456789abcdef";
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = request => FakeReply.Json(401, OpenAIWire.Error($"bad key {request.Header("Authorization")}"));
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.ReplyWithText(Answer);

        await using (var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test", apiKey: Secret),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test", apiKey: Secret + "-anthropic")))
        {
            var tracing = harness.Get<TracerProvider>();
            await harness.AskAsync(PipelineHarness.Request("RSI 28"));
            tracing.ForceFlush();
            await harness.Get<DatabaseLlmCallLog>().FlushAsync(CancellationToken.None);

            Assert.That(openai.LastRequest.Header("Authorization"), Does.Contain(Secret), "the key was really sent, so the test can see a leak");
            Assert.That(harness.Logs.Lines, Is.Not.Empty);
            Assert.That(harness.Logs.Lines.Where(l => l.Contains(Secret, StringComparison.Ordinal)), Is.Empty, "logs");

            await using var context = await harness.Get<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
            var stored = string.Join('\n', (await context.Spans.ToListAsync()).Select(s => s.AttributesJson + s.StatusDescription))
                + string.Join('\n', (await context.LlmCalls.ToListAsync()).Select(c => $"{c.Error} {c.Provider} {c.Model} {c.Source}"))
                + string.Join('\n', (await context.LlmCache.ToListAsync()).Select(c => c.ResponseJson + c.Error));
            Assert.That(await context.LlmCalls.CountAsync(), Is.GreaterThan(0));
            Assert.That(stored, Does.Not.Contain(Secret));
            Assert.That(File.ReadAllText(harness.Database + (File.Exists(harness.Database + "-wal") ? "-wal" : string.Empty)), Does.Not.Contain(Secret));
        }

        Assert.That(File.ReadAllText(_dir.File("cf.db")), Does.Not.Contain(Secret), "database file");
    }
}
