using System.Collections.Concurrent;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Tests.ModelPipeline;

/// <summary>The agents' model pipeline wired like the application's, over fake providers and a temporary SQLite file.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PipelineHarness(ServiceProvider services, string database, CapturingLoggerProvider logs)
    {
        _services = services;
        Database = database;
        Logs = logs;
    }

    public string Database { get; }

    public CapturingLoggerProvider Logs { get; }

    public IChatClient Client => _services.GetRequiredService<IChatClient>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static PipelineHarness Create(string database, params Dictionary<string, string?>[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Llm:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Llm:Resilience:CircuitBreakerMinimumThroughput"] = "2",
        };
        foreach (var (key, value) in settings.SelectMany(s => s))
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<IEnvironmentVariables>(new FakeEnvironmentVariables())
            .AddCryptoFunkDatabase(configuration)
            .AddAgentTelemetry(configuration)
            .AddModelPipeline(configuration)
            .BuildServiceProvider();
        return new PipelineHarness(services, database, logs);
    }

    public static Dictionary<string, string?> Provider(int index, string type, Uri endpoint, string model, string apiKey = "test-key", int timeoutSeconds = 5, int maxRetries = 1) => new()
    {
        [$"Llm:Providers:{index}:Type"] = type,
        [$"Llm:Providers:{index}:Endpoint"] = endpoint.ToString(),
        [$"Llm:Providers:{index}:Model"] = model,
        [$"Llm:Providers:{index}:ApiKey"] = apiKey,
        [$"Llm:Providers:{index}:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Llm:Providers:{index}:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Llm:Providers:{index}:InputUsdPerMillionTokens"] = "3",
        [$"Llm:Providers:{index}:OutputUsdPerMillionTokens"] = "15",
    };

    public static PipelineRequest Request(string text, string agent = "technical_analysis") => new(agent, "v1", text, null);

    /// <summary>Asks the pipeline as the agent of <paramref name="request"/> would, and reports how the call was served.</summary>
    public async Task<PipelineResult> AskAsync(PipelineRequest request)
    {
        var call = new AgentCallContext { Agent = request.Agent, PromptName = request.Agent, PromptVersion = request.PromptVersion, MarketState = request.Context };
        var options = new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 500 };
        call.AttachTo(options);
        var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a technical analyst."), new ChatMessage(ChatRole.User, request.Text)], options);
        return new PipelineResult(response, call.Calls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<DatabaseLlmCallLog>().FlushAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

/// <summary>What an agent would ask: who, with which prompt version, the message and the market state.</summary>
internal sealed record PipelineRequest(string Agent, string PromptVersion, string Text, CacheContext? Context);

/// <summary>An answer and how its one model call was served.</summary>
internal sealed record PipelineResult(ChatResponse Response, ModelCall Call)
{
    public ResponseSource Source => Call.Source;

    public bool Degraded => Call.Degraded;

    public decimal CostUsd => Call.CostUsd;

    public int Attempts => Call.Attempts;

    public IReadOnlyList<string> Failovers => Call.Failovers;
}

/// <summary>Keeps every formatted log line, so a test can search them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line) => Lines.Enqueue(line);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{category}: {formatter(state, exception)} {exception}");
    }
}
