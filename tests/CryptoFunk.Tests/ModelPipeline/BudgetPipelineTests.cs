using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.ModelPipeline;

/// <summary>
/// The model budget in the pipeline: a call it cannot cover never reaches any provider and is logged as
/// <c>budget</c>; what costs nothing (the cache, recordings) is served as before.
/// </summary>
public sealed class BudgetPipelineTests
{
    private const string Answer = "{\"signal\":\"BUY\",\"confidence\":0.8}";

    // At $3/M in and $15/M out the fake's answers cost $0.009, and a harness request may cost up to about $0.0095
    // (its output cap is 500 tokens), so $0.012 covers the first call and not a second.
    private const string RunLimit = "0.012";

    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _dir.Dispose();

    private PipelineHarness Harness(params Dictionary<string, string?>[] settings) => PipelineHarness.Create(_dir.File("cf.db"), settings);

    [Test]
    public async Task A_call_the_budget_cannot_cover_reaches_no_provider_and_is_logged_as_budget()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(200, OpenAIWire.Completion(Answer, promptTokens: 1000, completionTokens: 400));
        await using var anthropic = await FakeAnthropicServer.StartAsync();
        anthropic.Fallback = _ => FakeReply.Json(200, AnthropicWire.Message(Answer));
        await using var harness = Harness(
            PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"),
            PipelineHarness.Provider(1, "anthropic", anthropic.BaseAddress, "claude-test"),
            new() { ["Llm:Budget:MaxUsdPerRun"] = RunLimit });

        var first = await harness.AskAsync(PipelineHarness.Request("RSI 28"));
        var refused = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("RSI 29")))!;
        var tiny = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("x")))!;

        await harness.Get<DatabaseLlmCallLog>().FlushAsync(CancellationToken.None);
        await using var context = await harness.Get<IDbContextFactory<CryptoFunkDbContext>>().CreateDbContextAsync();
        var calls = await context.LlmCalls.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var status = await harness.Get<ModelBudget>().StatusAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Source.Value, Is.EqualTo("llm:openai/gpt-test"));
            Assert.That(refused.BudgetExhausted, Is.True);
            Assert.That(refused.Message, Does.Contain("Llm:Budget:MaxUsdPerRun is $0.012"));
            Assert.That(tiny.BudgetExhausted, Is.True, "once closed, even a small call stays home");
            Assert.That(openai.RequestCount, Is.EqualTo(1), "only the call the budget covered was sent");
            Assert.That(anthropic.RequestCount, Is.Zero, "failover does not try another provider to escape the budget");
            Assert.That(calls.Select(c => c.Source), Is.EqualTo(new[] { "llm:openai/gpt-test", "budget", "budget" }));
            Assert.That(calls.Skip(1).Select(c => (c.Attempts, c.CostUsd)), Has.All.EqualTo((0, 0m)));
            Assert.That(calls[1].Error, Does.Contain("model budget spent"));
            Assert.That(status.SpentThisRunUsd, Is.EqualTo(0.009m).And.LessThanOrEqualTo(decimal.Parse(RunLimit, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task Cache_hits_are_served_when_the_budget_is_spent()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(200, OpenAIWire.Completion(Answer, promptTokens: 1000, completionTokens: 400));
        await using var harness = Harness(PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test"), new() { ["Llm:Budget:MaxUsdPerRun"] = RunLimit });

        await harness.AskAsync(PipelineHarness.Request("RSI 28"));
        var refused = Assert.ThrowsAsync<LlmUnavailableException>(() => harness.AskAsync(PipelineHarness.Request("RSI 29")))!;
        var again = await harness.AskAsync(PipelineHarness.Request("RSI 28"));

        Assert.Multiple(() =>
        {
            Assert.That(refused.BudgetExhausted, Is.True, "the budget is spent");
            Assert.That(again.Source, Is.EqualTo(ResponseSource.Cache));
            Assert.That(again.Response.Text, Is.EqualTo(Answer));
            Assert.That(openai.RequestCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Recordings_replay_whatever_the_budget()
    {
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.Fallback = _ => FakeReply.Json(200, OpenAIWire.Completion(Answer, promptTokens: 1000, completionTokens: 400));
        var provider = PipelineHarness.Provider(0, "openai", openai.Endpoint, "gpt-test");
        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "record" }))
        {
            await harness.AskAsync(PipelineHarness.Request("RSI 28"));
            await harness.AskAsync(PipelineHarness.Request("RSI 29"));
        }

        await using (var harness = Harness(provider, new() { ["Llm:Mode"] = "replay", ["Llm:Budget:MaxUsdPerRun"] = "0.000001", ["Llm:Budget:MaxUsdPerDay"] = "0.000001" }))
        {
            var first = await harness.AskAsync(PipelineHarness.Request("RSI 28"));
            var second = await harness.AskAsync(PipelineHarness.Request("RSI 29"));

            Assert.That(new[] { first.Source, second.Source }, Has.All.EqualTo(ResponseSource.Replay));
        }

        Assert.That(openai.RequestCount, Is.EqualTo(2), "only the recording called the provider");
    }
}
