using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// The <see cref="TradingDesk"/> behind three providers that now and then refuse a request with an error that quotes
/// the key it was sent, as some gateways do: <c>primary</c> and <c>backup</c> on one OpenAI-compatible server (the key
/// in <c>Authorization: Bearer</c>) and <c>claude</c> on an Anthropic one (<c>x-api-key</c>). Every model call meets
/// such an error now and then, some on all three providers at once, so the agents fall back and alerts go out.
/// </summary>
internal sealed class KeyEchoingDesk : IAsyncDisposable
{
    private const string PrimaryModel = "echo-primary";
    private const string BackupModel = "echo-backup";
    private const string ClaudeModel = "echo-claude";

    private readonly FakeOpenAIServer _openai;
    private readonly FakeAnthropicServer _anthropic;
    private int _primary;
    private int _backup;
    private int _claude;
    private int _echoes;

    private KeyEchoingDesk(FakeOpenAIServer openai, FakeAnthropicServer anthropic)
    {
        _openai = openai;
        _anthropic = anthropic;
        openai.Fallback = ReplyAsOpenAI;
        anthropic.Fallback = ReplyAsAnthropic;
    }

    /// <summary>Errors sent that quoted the key.</summary>
    public int Echoes => Volatile.Read(ref _echoes);

    /// <summary>Every request both servers received.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _openai.Requests, .. _anthropic.Requests];

    /// <summary>
    /// Settings for the three providers without any key: provider 0's key is the caller's to set, providers 1 and 2
    /// take theirs from <c>OPENAI_API_KEY</c> and <c>ANTHROPIC_API_KEY</c>.
    /// </summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>();
            foreach (var (index, name, type, endpoint, model) in new[]
            {
                (0, "primary", "openai", _openai.Endpoint, PrimaryModel),
                (1, "backup", "openai", _openai.Endpoint, BackupModel),
                (2, "claude", "anthropic", _anthropic.BaseAddress, ClaudeModel),
            })
            {
                foreach (var (key, value) in PipelineHarness.Provider(index, type, endpoint, model, maxRetries: 0).Where(s => !s.Key.EndsWith(":ApiKey", StringComparison.Ordinal)))
                {
                    settings[key] = value;
                }

                settings[$"Llm:Providers:{index}:Name"] = name;
            }

            return settings;
        }
    }

    /// <summary>Starts both servers.</summary>
    public static async Task<KeyEchoingDesk> StartAsync() =>
        new(await FakeOpenAIServer.StartAsync(), await FakeAnthropicServer.StartAsync());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    private FakeReply ReplyAsOpenAI(RecordedRequest request)
    {
        var key = request.Header("Authorization")?.Replace("Bearer ", "", StringComparison.Ordinal);
        if (request.RequireJson().GetProperty("model").GetString() == PrimaryModel)
        {
            return (Interlocked.Increment(ref _primary) % 4) switch
            {
                0 => Echo(FakeReply.Json(401, OpenAIWire.Error($"Incorrect API key provided: {key}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"))),
                2 => Echo(FakeReply.Json(500, OpenAIWire.Error($"The upstream failed while serving the request authorized with {key}", "server_error"))),
                _ => TradingDesk.Answer(request),
            };
        }

        return Interlocked.Increment(ref _backup) % 2 == 0
            ? Echo(FakeReply.Json(429, OpenAIWire.Error($"Rate limit reached for key {key}", "requests"), ("Retry-After", "120")))
            : TradingDesk.Answer(request);
    }

    private FakeReply ReplyAsAnthropic(RecordedRequest request) =>
        Interlocked.Increment(ref _claude) % 3 == 0
            ? Echo(FakeReply.Json(401, AnthropicWire.Error($"invalid key: {request.Header("x-api-key") ?? request.Header("Authorization")}", "authentication_error")))
            : FakeReply.Json(200, AnthropicWire.Message(TradingDesk.Text(request), inputTokens: 1000, outputTokens: 100, model: ClaudeModel));

    private FakeReply Echo(FakeReply reply)
    {
        Interlocked.Increment(ref _echoes);
        return reply;
    }
}
