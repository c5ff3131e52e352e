using System.Text.Json;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.ModelPipeline;

/// <summary>
/// Recordings and cached answers are found by their key, so the key of a given request must never change: these
/// values were computed before the hash moved to System.IO.Hashing and the model path to Microsoft.Extensions.AI.
/// </summary>
public sealed class CacheKeyReferenceTests
{
    [Test]
    public void A_plain_request_keeps_its_key()
    {
        var call = new AgentCallContext { Agent = "technical_analysis", PromptName = "technical_analysis", PromptVersion = "0123456789abcdef" };
        var options = new ChatOptions
        {
            Temperature = 0.2f,
            MaxOutputTokens = 800,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"signal":{"type":"string"}}}""").RootElement, "signal"),
        };
        call.AttachTo(options);
        ChatMessage[] messages = [new(ChatRole.System, "You are a technical analyst."), new(ChatRole.User, "BTC/USDT 1h: RSI 28.4, price below the lower band")];

        Assert.That(LlmCacheKey.Compute(call, messages, options, ["openai/gpt-4o-mini"]), Is.EqualTo("5089d2be83a3e3c299f1038a890767af"));
    }

    [Test]
    public void A_request_with_tools_tool_rounds_and_service_settings_keeps_its_key()
    {
        var tool = AIFunctionFactory.Create((int count) => count, "MarketData_GetCandles", "The latest candles.");
        var call = new AgentCallContext
        {
            Agent = "trend_following",
            PromptName = "trend_following",
            PromptVersion = "fedcba9876543210",
            OptionsByService = new Dictionary<string, ChatOptions> { ["anthropic"] = new() { ModelId = "claude-sonnet-4", MaxOutputTokens = 1000 } },
            MarketState = new CacheContext("BTC/USDT", "1h", "flat", new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero), [28.4, 0.1]),
        };
        var options = new ChatOptions { Temperature = 0.5f, ToolMode = ChatToolMode.Auto, Tools = [tool] };
        call.AttachTo(options);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Is there a trend?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "MarketData_GetCandles", new Dictionary<string, object?> { ["count"] = 5 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new { close = 42000.5m })]),
        ];

        Assert.That(LlmCacheKey.Compute(call, messages, options, ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4"]), Is.EqualTo("b5379aa75db9c4786eae4441c70e1df6"));
    }

    [Test]
    public void Top_k_takes_part_in_the_key()
    {
        ChatMessage[] messages = [new(ChatRole.User, "Signal?")];
        var plain = LlmCacheKey.Compute(null, messages, new ChatOptions(), ["openai/gpt-4o-mini"]);
        var topK = LlmCacheKey.Compute(null, messages, new ChatOptions { TopK = 40 }, ["openai/gpt-4o-mini"]);

        Assert.That(topK, Is.Not.EqualTo(plain), "a different top_k may give a different answer");
    }
}

