using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CryptoFunk.Benchmarks.Agents;

/// <summary>
/// The same agent call and exact cache hit as <see cref="AgentCallBenchmarks"/>, on the calling thread only: the
/// cache is on and looked up (the call misses against 10,000 stored answers; the hit finds the answer a first call
/// stored), spans are created with all their attributes and recorded by the OpenTelemetry SDK listening as the
/// application does, call records are built and handed over, but nothing is exported or written to a database in the
/// background. The difference to <see cref="AgentCallBenchmarks"/> is what persisting every span and call costs when
/// calls run back to back.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AgentCallHotPathBenchmarks
{
    private PromptLibrary _prompts = null!;
    private TracerProvider _tracing = null!;
    private ChatCompletionAgent _agent = null!;
    private AgentInvokeOptions _inputs = null!;
    private IChatClient _cachingPipeline = null!;
    private List<ChatMessage> _messages = null!;
    private ChatOptions _options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource([.. TelemetrySources.Names]).Build();

        _prompts = new PromptLibrary(Path.Combine(Paths.RepositoryRoot, "prompts"), watch: true);
        var provider = AgentBenchmarkInputs.InstantProvider();
        var pipeline = AgentBenchmarkInputs.Pipeline(provider, new MissingCacheStore(), new HandedOverCallLog(), cache: true);
        _agent = new ChatCompletionAgent { Name = "technical_analysis", PromptName = "technical_analysis", Prompts = _prompts, ChatClient = pipeline, Rule = new TechnicalAnalysisRule() };

        _inputs = await AgentBenchmarkInputs.DecisionAsync();

        // The request's answer is stored by a first call through the same pipeline, so every measured call is a hit.
        _cachingPipeline = AgentBenchmarkInputs.Pipeline(provider, new InMemoryLlmCacheStore(), new HandedOverCallLog(), cache: true);
        (_messages, _options) = await AgentBenchmarkInputs.RequestAsync(_prompts, _inputs);
        await _cachingPipeline.GetResponseAsync(_messages, _options);
    }

    [Benchmark(Description = "agent call, instant provider, cache miss, spans captured, nothing persisted")]
    public async Task<AgentResponse> AgentCall()
    {
        AgentResponse? last = null;
        await foreach (var response in _agent.InvokeAsync([], _inputs))
        {
            last = response;
        }

        return last!;
    }

    [Benchmark(Description = "exact cache hit through the pipeline (tool loop, chat span, key, lookup, copy, call record), spans captured, nothing persisted")]
    public Task<ChatResponse> ExactCacheHit() => _cachingPipeline.GetResponseAsync(_messages, _options);

    [GlobalCleanup]
    public void Cleanup()
    {
        _tracing.Dispose();
        _prompts.Dispose();
    }

    /// <summary>
    /// A store holding 10,000 answers that never holds the benchmark's own, so every call pays a real lookup and then
    /// calls the provider; storing the new answer is skipped so the store does not grow during the run.
    /// </summary>
    private sealed class MissingCacheStore : ILlmCacheStore
    {
        private readonly Dictionary<string, StoredAnswer> _answers = Enumerable.Range(0, 10_000)
            .Select(i => new StoredAnswer { Key = $"{i:x32}", Agent = "technical_analysis", PromptVersion = "v", Model = "m" })
            .ToDictionary(a => a.Key, StringComparer.Ordinal);

        public ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(_answers.GetValueOrDefault(key));

        public Task PreloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Task.FromResult(_answers.Count == 0);

        public Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken) => Task.FromResult<StoredAnswer?>(null);
    }

    /// <summary>Takes each call record as the database log does (a reference handed over), without writing it.</summary>
    private sealed class HandedOverCallLog : ILlmCallLog
    {
        public LlmCallRecord? Last { get; private set; }

        public ValueTask AddAsync(LlmCallRecord call, CancellationToken cancellationToken)
        {
            Last = call;
            return ValueTask.CompletedTask;
        }
    }
}
