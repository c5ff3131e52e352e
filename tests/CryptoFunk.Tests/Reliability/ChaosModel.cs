using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// The <see cref="TradingDesk"/> served by one fake OpenAI-compatible server as two providers, <c>primary</c> and
/// <c>backup</c> (each its own model name, prices and circuit), whose replies follow a <see cref="FaultSchedule"/>.
/// It keeps its own account of every request: the model asked, the fault given and the tokens an answer billed.
/// </summary>
internal sealed class ChaosModel : IAsyncDisposable
{
    /// <summary>The primary provider's model.</summary>
    public const string PrimaryModel = "chaos-primary";

    /// <summary>The backup provider's model.</summary>
    public const string BackupModel = "chaos-backup";

    /// <summary>How long one attempt may take, in seconds (<c>Llm:Providers:N:TimeoutSeconds</c>).</summary>
    public const double TimeoutSeconds = 0.25;

    /// <summary>The <c>Retry-After</c> of a rate limit worth waiting for, in seconds.</summary>
    public const double ShortRetryAfterSeconds = 0.1;

    /// <summary>Retries per provider (<c>Llm:Providers:N:MaxRetries</c>).</summary>
    public const int MaxRetries = 2;

    /// <summary>The first retry's backoff (<c>Llm:Resilience:RetryBaseDelay</c>), doubled for each later one.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(20);

    private const string WrongTypes = """{"signal":7,"action":["BUY"],"approved":"yes","confidence":"very","reasoning":42,"risk_score":"low"}""";

    private readonly FakeOpenAIServer _server;
    private readonly FaultSchedule _schedule;
    private readonly ConcurrentQueue<ServedRequest> _served = new();

    private ChaosModel(FakeOpenAIServer server, FaultSchedule schedule)
    {
        _server = server;
        _schedule = schedule;
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ServedRequest> Served => [.. _served];

    /// <summary>
    /// Settings that make <c>primary</c> provider 0 and <c>backup</c> provider 1 at different prices, with a short
    /// timeout, backoff and circuit breaker so a run with faults stays fast.
    /// </summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = PipelineHarness.Provider(0, "openai", _server.Endpoint, PrimaryModel, maxRetries: MaxRetries);
            foreach (var (key, value) in PipelineHarness.Provider(1, "openai", _server.Endpoint, BackupModel, maxRetries: MaxRetries))
            {
                settings[key] = value;
            }

            settings["Llm:Providers:0:Name"] = "primary";
            settings["Llm:Providers:1:Name"] = "backup";
            settings["Llm:Providers:1:InputUsdPerMillionTokens"] = "1";
            settings["Llm:Providers:1:OutputUsdPerMillionTokens"] = "4";
            foreach (var index in new[] { 0, 1 })
            {
                settings[$"Llm:Providers:{index}:TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture);
            }

            settings["Llm:Resilience:RetryBaseDelay"] = RetryBaseDelay.ToString("c", CultureInfo.InvariantCulture);
            settings["Llm:Resilience:CircuitBreakerMinimumThroughput"] = "5";
            settings["Llm:Resilience:CircuitBreakerFailureRatio"] = "0.5";
            settings["Llm:Resilience:CircuitBreakerSamplingDuration"] = "00:00:00.500";
            settings["Llm:Resilience:CircuitBreakerBreakDuration"] = "00:00:00.500";
            return settings;
        }
    }

    /// <summary>Starts the server answering by <paramref name="schedule"/>.</summary>
    public static async Task<ChaosModel> StartAsync(FaultSchedule schedule)
    {
        var server = await FakeOpenAIServer.StartAsync();
        var model = new ChaosModel(server, schedule);
        server.Fallback = model.Reply;
        return model;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>The prices of <paramref name="model"/> per million input and output tokens, as <see cref="Settings"/> sets them.</summary>
    public static (decimal Input, decimal Output) Prices(string model) => model == PrimaryModel ? (3m, 15m) : (1m, 4m);

    private FakeReply Reply(RecordedRequest request)
    {
        var json = request.RequireJson();
        var model = json.GetProperty("model").GetString() ?? string.Empty;
        var (agent, time) = (Agent(json), TradingDesk.DecisionTime(request));
        var fault = _schedule.Next(agent, time, model == PrimaryModel);
        var text = fault switch
        {
            ModelFault.None => TradingDesk.Text(request),
            ModelFault.Prose => "I would buy here: the trend looks strong and momentum is building.",
            ModelFault.WrongTypes => WrongTypes,
            _ => null,
        };
        var (input, output) = text is null ? (0, 0) : (request.Body.Length / 4, (text.Length / 4) + 1);
        _served.Enqueue(new ServedRequest(model, agent, time, fault, input, output));
        return fault switch
        {
            _ when text is not null => FakeReply.Json(200, OpenAIWire.Completion(text, promptTokens: input, completionTokens: output, model: model)),
            ModelFault.RateLimited => FakeReply.Json(429, OpenAIWire.Error("Rate limit reached", "requests"), ("Retry-After", ShortRetryAfterSeconds.ToString(CultureInfo.InvariantCulture))),
            ModelFault.RateLimitedLong => FakeReply.Json(429, OpenAIWire.Error("Rate limit reached", "requests"), ("Retry-After", "120")),
            ModelFault.ServerError => FakeReply.Json(500, OpenAIWire.Error("The server had an error while processing your request.", "server_error")),
            ModelFault.Unavailable or ModelFault.Outage => FakeReply.Body(503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>"),
            ModelFault.Hang => FakeReply.Hang(),
            ModelFault.Truncated => FakeReply.Truncated(200, "application/json", OpenAIWire.Completion(TradingDesk.Text(request), model: model)),
            ModelFault.NotJson => FakeReply.Body(200, "text/html", "<html><body>Welcome to nginx!</body></html>"),
            ModelFault.EmptyChoices => FakeReply.Json(200, OpenAIWire.EmptyChoices(model)),
            _ => throw new InvalidOperationException($"no reply for {fault}"),
        };
    }

    /// <summary>The asking agent: the opening line of its system prompt.</summary>
    private static string Agent(JsonElement request) =>
        request.GetProperty("messages")[0].GetProperty("content").GetString()?.Trim().Split('\n')[0] ?? string.Empty;
}
