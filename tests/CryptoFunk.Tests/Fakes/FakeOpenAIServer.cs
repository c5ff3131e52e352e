namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A fake OpenAI-compatible provider: answers <c>POST /v1/chat/completions</c> (or <c>/chat/completions</c> under
/// any base path) from its script. Point clients at <see cref="Endpoint"/>.
/// </summary>
public sealed class FakeOpenAIServer : FakeLlmServer
{
    private FakeOpenAIServer()
    {
    }

    /// <summary>The base URL an OpenAI client is configured with: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    /// <summary>Starts a fake on a free port.</summary>
    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var server = new FakeOpenAIServer();
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>Answers the next request with a text completion.</summary>
    public void ReplyWithText(string text, int promptTokens = 11, int completionTokens = 7) =>
        Enqueue(FakeReply.Json(200, OpenAIWire.Completion(text, promptTokens: promptTokens, completionTokens: completionTokens)));

    /// <summary>Answers the next request by asking for tool calls.</summary>
    public void ReplyWithToolCalls(params FakeToolCall[] calls) =>
        Enqueue(FakeReply.Json(200, OpenAIWire.Completion(null, calls)));

    /// <summary>Answers the next request with a streamed text answer.</summary>
    public void ReplyWithTextStream(params string[] pieces) => Enqueue(FakeReply.Sse(OpenAIWire.TextStream(pieces)));

    /// <summary>Answers the next request with an error status, body and optional <c>Retry-After</c>.</summary>
    public void ReplyWithError(int status, string message, string? retryAfter = null) =>
        Enqueue(FakeReply.Json(status, OpenAIWire.Error(message), retryAfter is null ? [] : [("Retry-After", retryAfter)]));

    /// <inheritdoc />
    protected override bool IsApiPath(string path) => path.EndsWith("/chat/completions", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override string ErrorBody(string message) => OpenAIWire.Error(message, "fake_server_error");
}
