using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Benchmarks.Agents;

/// <summary>
/// The prompt part of an agent call's non-LLM overhead: look the prompt up (with its staleness check), render the
/// technical analysis prompt with a realistic market context, and build the chat options.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PromptBenchmarks
{
    private PromptLibrary _library = null!;
    private LoadedPrompt _prompt = null!;
    private IChatPromptTemplate _handlebars = null!;
    private KernelArguments _arguments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _library = new PromptLibrary(PromptDirectory.Resolve("prompts"), watch: true);
        _prompt = _library.Get("technical_analysis");
        _arguments = new KernelArguments
        {
            ["symbol"] = "BTC/USDT",
            ["timeframe"] = "1h",
            ["decision_time"] = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
            ["market_context"] = string.Join('\n', Enumerable.Range(0, 40).Select(i => $"close[{i}]: {65000 + (i * 3.5m)}  RSI(14): {30 + (i * 0.1)}")),
        };
        _handlebars = new PromptTemplateFactory().Create(new PromptTemplateConfig
        {
            Name = "handlebars_analysis",
            TemplateFormat = TemplateFormats.Handlebars,
            Template = _prompt.Config.Template.Replace("{{$", "{{", StringComparison.Ordinal),
            InputVariables = [.. _prompt.Config.InputVariables],
        });
    }

    [GlobalCleanup]
    public void Cleanup() => _library.Dispose();

    [Benchmark]
    public LoadedPrompt Get() => _library.Get("technical_analysis");

    [Benchmark]
    public ValueTask<IReadOnlyList<ChatMessage>> RenderSemanticKernel() => _prompt.RenderAsync(_arguments, CancellationToken.None);

    [Benchmark]
    public ValueTask<IReadOnlyList<ChatMessage>> RenderHandlebars() => _handlebars.RenderMessagesAsync(_arguments, CancellationToken.None);

    [Benchmark]
    public ChatOptions? ChatOptions() => _prompt.CreateChatOptions();

    [Benchmark]
    public async ValueTask<int> GetRenderAndOptions()
    {
        var prompt = _library.Get("technical_analysis");
        var messages = await prompt.RenderAsync(_arguments, CancellationToken.None);
        return messages.Count + (prompt.CreateChatOptions()?.MaxOutputTokens ?? 0);
    }
}
