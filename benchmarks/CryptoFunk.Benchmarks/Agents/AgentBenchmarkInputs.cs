using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Agents;

/// <summary>What the agent benchmarks share: the instant provider and a real decision's inputs (BTC/USDT, 2022-05-01).</summary>
internal static class AgentBenchmarkInputs
{
    public const string Answer = "{\"signal\":\"BUY\",\"confidence\":0.72,\"reasoning\":\"RSI 25 with price under the lower band.\",\"key_factors\":[\"RSI oversold\"],\"risk_level\":\"MEDIUM\"}";

    public static LlmProvider InstantProvider() =>
        new(new LlmProviderOptions { Type = "openai", Model = "instant", InputUsdPerMillionTokens = 3, OutputUsdPerMillionTokens = 15 }, new InstantChatClient(Answer));

    /// <summary>
    /// The application's model pipeline over <paramref name="provider"/>, <paramref name="store"/> and
    /// <paramref name="callLog"/>; without a database, so no earlier spend (the budget is unlimited and never asks).
    /// </summary>
    public static IChatClient Pipeline(LlmProvider provider, ILlmCacheStore store, ILlmCallLog callLog, bool cache) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(LlmProviderRegistry.Of(provider))
            .AddSingleton(store)
            .AddSingleton(callLog)
            .AddSingleton<ILlmSpendHistory>(new NothingSpentBefore())
            .AddModelPipeline(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Llm:Cache:Enabled"] = cache ? "true" : "false" }).Build())
            .BuildServiceProvider()
            .GetRequiredService<IChatClient>();

    public static async Task<AgentInvokeOptions> DecisionAsync()
    {
        var series = await CandleFileReader.ReadAsync(Paths.Shared("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"), CancellationToken.None);
        var snapshot = new MarketHistory(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, series.Candles).SnapshotAt(new DateTimeOffset(2022, 5, 1, 0, 0, 0, TimeSpan.Zero));
        return DecisionInputs.For(new DecisionSituation(snapshot));
    }

    /// <summary>The request the technical analyst sends for <paramref name="inputs"/>: its rendered messages and options, with the agent's call context attached.</summary>
    public static async Task<(List<ChatMessage> Messages, ChatOptions Options)> RequestAsync(PromptLibrary prompts, AgentInvokeOptions inputs)
    {
        var prompt = prompts.Get("technical_analysis");
        List<ChatMessage> messages = [.. await prompt.RenderAsync(inputs.Arguments.ToKernelArguments(), CancellationToken.None)];
        var options = prompt.CreateChatOptions() ?? new ChatOptions();
        new AgentCallContext { Agent = "technical_analysis", PromptName = prompt.Name, PromptVersion = prompt.Version, MarketState = inputs.MarketState }.AttachTo(options);
        return (messages, options);
    }

    private sealed class NothingSpentBefore : ILlmSpendHistory
    {
        public Task<decimal> CostSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult(0m);
    }
}
