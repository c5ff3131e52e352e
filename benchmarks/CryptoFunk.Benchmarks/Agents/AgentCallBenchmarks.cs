using BenchmarkDotNet.Attributes;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CryptoFunk.Benchmarks.Agents;

/// <summary>
/// The non-LLM overhead of one agent call — prompt lookup and render, the Microsoft.Extensions.AI pipeline (tool loop,
/// telemetry, call log and cache key, record/replay and cache layers, failover with the Polly pipeline), response
/// parsing and schema validation — with a provider that answers instantly; and an exact cache hit through the
/// pipeline. Spans and call records go to a SQLite file in the background, as in the application.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AgentCallBenchmarks
{
    private string _directory = null!;
    private PromptLibrary _prompts = null!;
    private TracerProvider _tracing = null!;
    private DatabaseLlmCallLog _callLog = null!;
    private ChatCompletionAgent _agent = null!;
    private IChatClient _cachingPipeline = null!;
    private CallLogChatClient _cacheLayers = null!;
    private AgentInvokeOptions _inputs = null!;
    private List<ChatMessage> _messages = null!;
    private ChatOptions _options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("cryptofunk-bench").FullName;
        var database = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "bench.db")}" });
        var contexts = new CryptoFunkDbContextFactory(database.Value.ConnectionString);
        var migrator = new DatabaseMigrator(contexts, database);
        await migrator.MigrateAsync(CancellationToken.None);
        var inserter = new BatchInserter(contexts, migrator, NullLogger<BatchInserter>.Instance);
        var spanStore = new SpanStoreProcessor(
            new SpanStoreExporter(inserter),
            Options.Create(new TelemetryOptions { SpanBufferCapacity = 1_000_000 }),
            new SpanDropCounter(),
            NullLogger<SpanStoreProcessor>.Instance);
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource([.. TelemetrySources.Names]).AddProcessor(spanStore).Build();
        _callLog = new DatabaseLlmCallLog(inserter);

        _prompts = new PromptLibrary(Path.Combine(Paths.RepositoryRoot, "prompts"), watch: true);
        var provider = AgentBenchmarkInputs.InstantProvider();
        var uncached = AgentBenchmarkInputs.Pipeline(provider, new InMemoryLlmCacheStore(), _callLog, cache: false);
        var store = new InMemoryLlmCacheStore();
        _cachingPipeline = AgentBenchmarkInputs.Pipeline(provider, store, _callLog, cache: true);
        _agent = new ChatCompletionAgent { Name = "technical_analysis", PromptName = "technical_analysis", Prompts = _prompts, ChatClient = uncached, Rule = new TechnicalAnalysisRule() };

        _inputs = await AgentBenchmarkInputs.DecisionAsync();

        (_messages, _options) = await AgentBenchmarkInputs.RequestAsync(_prompts, _inputs);
        await _cachingPipeline.GetResponseAsync(_messages, _options);

        // The cache's own layers over the answer the pipeline just stored; the client behind them is never asked.
        _cacheLayers = new CallLogChatClient(
            new AnswerCacheChatClient(new NeverAskedChatClient(), store, new LlmCacheOptions(), LlmMode.Live, TimeProvider.System),
            _callLog,
            [provider.Id],
            TimeProvider.System);
    }

    [Benchmark(Description = "agent call, instant provider (render, pipeline, key, Polly, parse, validate, telemetry, call log)")]
    public async Task<AgentResponse> AgentCall()
    {
        AgentResponse? last = null;
        await foreach (var response in _agent.InvokeAsync([], _inputs))
        {
            last = response;
        }

        return last!;
    }

    [Benchmark(Description = "exact cache hit through the pipeline (key over the rendered prompt, lookup, copy, call log)")]
    public Task<ChatResponse> ExactCacheHit() => _cachingPipeline.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "exact cache hit, the cache's own layers (key over the rendered prompt, lookup, copy, call log; no tool loop, no span)")]
    public Task<ChatResponse> ExactCacheHitCacheLayers() => _cacheLayers.GetResponseAsync(_messages, _options);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _tracing.Dispose();
        await _callLog.DisposeAsync();
        _prompts.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Fails the benchmark if a request it measures as a cache hit ever gets past the cache.</summary>
    private sealed class NeverAskedChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the cache missed: the benchmark's request is not the one stored in setup");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
