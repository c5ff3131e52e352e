using System.Diagnostics;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoFunk.Tests.Providers;

/// <summary>
/// One provider type under test: its fake server, a client pointed at it with a distinctive key, and the
/// vendor-specific ways to script replies, so failure behaviour is asserted identically for every provider.
/// </summary>
internal abstract class ProviderHarness : IAsyncDisposable
{
    public const string OpenAIKey = "sk-test-OPENAI-7f3a9c1e-distinctive";
    public const string AnthropicKey = "fake-anthropic-key-ANTHROPIC-5b2d8e4f-distinctive";

    protected ProviderHarness(FakeLlmServer server, IChatClient client, string key, string providerId)
    {
        Server = server;
        Client = client;
        Key = key;
        ProviderId = providerId;
    }

    public FakeLlmServer Server { get; }

    public IChatClient Client { get; }

    public string Key { get; }

    public string ProviderId { get; }

    public static async Task<ProviderHarness> StartAsync(string type, int timeoutSeconds = 5) =>
        type switch
        {
            LlmProviderTypes.OpenAI => await OpenAIHarness.StartAsync(timeoutSeconds),
            LlmProviderTypes.Anthropic => await AnthropicHarness.StartAsync(timeoutSeconds),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    public static LlmProviderOptions OpenAIOptions(FakeOpenAIServer server, int timeoutSeconds = 5) => new()
    {
        Type = LlmProviderTypes.OpenAI,
        Endpoint = server.Endpoint.ToString(),
        ApiKey = OpenAIKey,
        Model = "gpt-test",
        TimeoutSeconds = timeoutSeconds,
    };

    public static LlmProviderOptions AnthropicOptions(FakeAnthropicServer server, int timeoutSeconds = 5) => new()
    {
        Type = LlmProviderTypes.Anthropic,
        Endpoint = server.BaseAddress.ToString(),
        ApiKey = AnthropicKey,
        Model = "claude-test",
        TimeoutSeconds = timeoutSeconds,
    };

    /// <summary>The provider's client as the application builds it (the vendor SDK behind our error layer).</summary>
    public static IChatClient Create(LlmProviderOptions options)
    {
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var factory = new LlmProviderFactory(http, new FakeEnvironmentVariables(), TimeProvider.System, NullLogger<LlmProviderFactory>.Instance);
        return factory.Create(options).ChatClient;
    }

    public abstract void ReplyWithText(string text);

    public abstract void ReplyWithError(int status, string message, string? retryAfter = null);

    /// <summary>The first frames of a valid stream, after which the fake stalls.</summary>
    public abstract IReadOnlyList<string> StreamOpening();

    public Task<ChatResponse> AskAsync(CancellationToken cancellationToken = default) =>
        Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Signal for BTC/USDT?")], cancellationToken: cancellationToken);

    public async Task<List<ChatResponseUpdate>> AskStreamingAsync(CancellationToken cancellationToken = default) =>
        await Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Signal for BTC/USDT?")], cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);

    /// <summary>Runs <paramref name="call"/>, expects an <see cref="LlmProviderException"/> and checks it leaks no key.</summary>
    public (LlmProviderException Error, TimeSpan Elapsed) Fails(Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<LlmProviderException>(() => call())!;
        watch.Stop();
        Assert.That(error.ProviderId, Is.EqualTo(ProviderId));
        Assert.That(error.ToString(), Does.Not.Contain(Key), "the API key leaked into the exception");
        return (error, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    private sealed class OpenAIHarness(FakeOpenAIServer server, IChatClient client)
        : ProviderHarness(server, client, OpenAIKey, "openai/gpt-test")
    {
        public static async Task<ProviderHarness> StartAsync(int timeoutSeconds)
        {
            var server = await FakeOpenAIServer.StartAsync();
            return new OpenAIHarness(server, Create(OpenAIOptions(server, timeoutSeconds)));
        }

        public override void ReplyWithText(string text) => server.ReplyWithText(text);

        public override void ReplyWithError(int status, string message, string? retryAfter = null) =>
            server.ReplyWithError(status, message, retryAfter);

        public override IReadOnlyList<string> StreamOpening() => OpenAIWire.TextStream(["BU"]).Take(2).ToList();
    }

    private sealed class AnthropicHarness(FakeAnthropicServer server, IChatClient client)
        : ProviderHarness(server, client, AnthropicKey, "anthropic/claude-test")
    {
        public static async Task<ProviderHarness> StartAsync(int timeoutSeconds)
        {
            var server = await FakeAnthropicServer.StartAsync();
            return new AnthropicHarness(server, Create(AnthropicOptions(server, timeoutSeconds)));
        }

        public override void ReplyWithText(string text) => server.ReplyWithText(text);

        public override void ReplyWithError(int status, string message, string? retryAfter = null) =>
            server.ReplyWithError(status, message, "api_error", retryAfter);

        public override IReadOnlyList<string> StreamOpening() => AnthropicWire.TextStream(["BU"]).Take(3).ToList();
    }
}
