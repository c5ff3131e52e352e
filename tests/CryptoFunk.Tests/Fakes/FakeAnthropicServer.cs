namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A fake Anthropic provider: answers <c>POST /v1/messages</c> from its script. Point clients at
/// <see cref="FakeLlmServer.BaseAddress"/>.
/// </summary>
public sealed class FakeAnthropicServer : FakeLlmServer
{
    private FakeAnthropicServer()
    {
    }

    /// <summary>Starts a fake on a free port.</summary>
    public static async Task<FakeAnthropicServer> StartAsync()
    {
        var server = new FakeAnthropicServer();
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>Answers the next request with a text message.</summary>
    public void ReplyWithText(string text, int inputTokens = 13, int outputTokens = 8) =>
        Enqueue(FakeReply.Json(200, AnthropicWire.Message(text, inputTokens: inputTokens, outputTokens: outputTokens)));

    /// <summary>Answers the next request by asking for tool calls (optionally with text before them).</summary>
    public void ReplyWithToolCalls(string? text, params FakeToolCall[] calls) =>
        Enqueue(FakeReply.Json(200, AnthropicWire.Message(text, calls)));

    /// <summary>Answers the next request with a streamed text answer.</summary>
    public void ReplyWithTextStream(params string[] pieces) => Enqueue(FakeReply.Sse(AnthropicWire.TextStream(pieces)));

    /// <summary>Answers the next request with an error status, body and optional <c>retry-after</c>.</summary>
    public void ReplyWithError(int status, string message, string type = "api_error", string? retryAfter = null) =>
        Enqueue(FakeReply.Json(status, AnthropicWire.Error(message, type), retryAfter is null ? [] : [("retry-after", retryAfter)]));

    /// <inheritdoc />
    protected override bool IsApiPath(string path) => path.EndsWith("/v1/messages", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override string ErrorBody(string message) => AnthropicWire.Error(message, "api_error");
}
