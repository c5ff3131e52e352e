namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A fake chat webhook on 127.0.0.1: accepts <c>POST /hooks/...</c> (answering 200 unless scripted otherwise) and
/// records every body. <see cref="Url"/> carries a token in its path, as Slack's, Discord's and Telegram's do.
/// </summary>
public sealed class FakeWebhookServer : FakeLlmServer
{
    /// <summary>The secret part of <see cref="Url"/>, which must never show up in a body, a log line or output.</summary>
    public const string Token = "T0001/B0002/SECRETTOKEN-hook-42";

    private FakeWebhookServer()
    {
    }

    /// <summary>The webhook URL, token included.</summary>
    public Uri Url => new(BaseAddress, $"hooks/{Token}");

    /// <summary>Starts a fake on a free port that answers every post with 200.</summary>
    public static async Task<FakeWebhookServer> StartAsync()
    {
        var server = new FakeWebhookServer { Fallback = _ => FakeReply.Body(200, "text/plain", "ok") };
        await server.StartCoreAsync();
        return server;
    }

    /// <inheritdoc />
    protected override bool IsApiPath(string path) => path.StartsWith("/hooks/", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override string ErrorBody(string message) => $"{{\"error\":\"{message}\"}}";
}
