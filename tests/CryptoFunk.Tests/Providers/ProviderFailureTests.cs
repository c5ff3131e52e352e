using System.Net;
using System.Net.Sockets;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Providers;

/// <summary>
/// How every provider fails: rate limits with <c>Retry-After</c>, server errors, bad requests, hangs, malformed
/// bodies and refused connections all become one <see cref="LlmProviderException"/>, after exactly one request
/// (the SDKs never retry on their own), and never with the API key in it.
/// </summary>
[TestFixture(LlmProviderTypes.OpenAI)]
[TestFixture(LlmProviderTypes.Anthropic)]
public sealed class ProviderFailureTests(string type)
{
    private ProviderHarness _provider = null!;

    [SetUp]
    public async Task StartAsync() => _provider = await ProviderHarness.StartAsync(type, timeoutSeconds: 1);

    [TearDown]
    public async Task StopAsync() => await _provider.DisposeAsync();

    [Test]
    public void Rate_limit_carries_retry_after_seconds_and_is_transient()
    {
        _provider.ReplyWithError(429, "slow down", retryAfter: "2");

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(429));
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.RateLimited));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.Message, Does.Contain("slow down").And.Contain(_provider.ProviderId).And.Contain("429"));
            Assert.That(_provider.Server.RequestCount, Is.EqualTo(1), "the SDK retried by itself");
        });
    }

    [Test]
    public void Retry_after_as_an_http_date_becomes_the_time_until_then()
    {
        var later = DateTimeOffset.UtcNow.AddSeconds(30).ToString("r");
        _provider.ReplyWithError(429, "slow down", retryAfter: later);

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.That(error.RetryAfter, Is.GreaterThan(TimeSpan.FromSeconds(25)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(529)]
    public void Server_errors_are_transient_and_sent_once(int status)
    {
        _provider.ReplyWithError(status, "upstream trouble");

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.ServerError));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.RetryAfter, Is.Null);
            Assert.That(_provider.Server.RequestCount, Is.EqualTo(1), "the SDK retried by itself");
        });
    }

    [Test]
    public void Server_error_on_a_streaming_call_is_transient_and_sent_once()
    {
        _provider.ReplyWithError(503, "upstream trouble");

        var (error, _) = _provider.Fails(() => _provider.AskStreamingAsync());

        Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.ServerError));
        Assert.That(error.IsTransient, Is.True);
        Assert.That(_provider.Server.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public void Bad_request_is_not_transient()
    {
        _provider.ReplyWithError(400, "model 'nope' does not exist");

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(400));
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.InvalidRequest));
            Assert.That(error.IsTransient, Is.False);
            Assert.That(error.Message, Does.Contain("model 'nope' does not exist"));
            Assert.That(_provider.Server.RequestCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_key_the_provider_echoes_back_is_masked()
    {
        _provider.ReplyWithError(401, $"Incorrect API key provided: {_provider.Key}.");

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.Authentication));
            Assert.That(error.IsTransient, Is.False);
            Assert.That(error.Message, Does.Contain("Incorrect API key provided: [redacted]"));
        });
    }

    [Test]
    public void A_hanging_provider_is_cut_by_the_timeout_promptly()
    {
        _provider.Server.Enqueue(FakeReply.Hang());

        var (error, elapsed) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.Timeout));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.Message, Does.Contain("no response within 1s"));
            Assert.That(elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.8)).And.LessThan(TimeSpan.FromSeconds(4)));
            Assert.That(_provider.Server.RequestCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_stream_that_stalls_is_cut_by_the_timeout_promptly()
    {
        _provider.Server.Enqueue(FakeReply.SseThenHang(_provider.StreamOpening()));

        var (error, elapsed) = _provider.Fails(() => _provider.AskStreamingAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.Timeout));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.8)).And.LessThan(TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public void A_body_that_is_not_json_is_a_clear_non_transient_error()
    {
        _provider.Server.Enqueue(FakeReply.Body(200, "application/json", "<html><body>Welcome to nginx!</body></html>"));

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.MalformedResponse));
            Assert.That(error.IsTransient, Is.False);
            Assert.That(error.Message, Does.Contain("not in the provider's wire format").And.Contain("Endpoint"));
        });
    }

    [Test]
    public void A_body_cut_off_mid_way_is_a_transient_connection_error()
    {
        _provider.Server.Enqueue(FakeReply.Truncated(200, "application/json", OpenAIWire.Completion("{\"signal\":\"BUY\",\"confidence\":0.8}")));

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.Connection));
            Assert.That(error.IsTransient, Is.True);
        });
    }

    [TestCase("{\"status\":\"ok\"}")]
    [TestCase("[]")]
    public void Json_of_the_wrong_shape_is_a_clear_error(string body)
    {
        _provider.Server.Enqueue(FakeReply.Json(200, body));

        var (error, _) = _provider.Fails(() => _provider.AskAsync());

        Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.MalformedResponse));
        Assert.That(error.Message, Does.Contain("unexpected shape"));
    }

    [Test]
    public void A_stream_of_json_that_is_not_completion_chunks_is_a_clear_error()
    {
        _provider.Server.Enqueue(FakeReply.Sse(["data: {\"status\":\"ok\"}"]));

        var (error, _) = _provider.Fails(() => _provider.AskStreamingAsync());

        Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.MalformedResponse));
    }

    [Test]
    public void A_stream_that_is_not_an_event_stream_is_a_clear_error()
    {
        _provider.Server.Enqueue(FakeReply.Body(200, "text/event-stream", "<html>502 Bad Gateway</html>\n\n"));

        var (error, _) = _provider.Fails(() => _provider.AskStreamingAsync());

        Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.MalformedResponse));
    }

    [Test]
    public void A_refused_connection_is_transient()
    {
        var options = type == LlmProviderTypes.OpenAI
            ? ProviderHarness.OpenAIOptions((FakeOpenAIServer)_provider.Server)
            : ProviderHarness.AnthropicOptions((FakeAnthropicServer)_provider.Server);
        options.Endpoint = $"http://127.0.0.1:{ClosedPort()}/v1";
        using var client = ProviderHarness.Create(options);

        var error = Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.Connection));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.ToString(), Does.Not.Contain(_provider.Key));
        });
    }

    [Test]
    public void The_callers_own_cancellation_is_not_a_provider_failure()
    {
        _provider.Server.Enqueue(FakeReply.Hang());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() => _provider.AskAsync(cancel.Token));
    }

    [Test]
    public async Task Non_json_assistant_text_is_returned_as_text()
    {
        _provider.ReplyWithText("I'd say BUY, confidence about 0.7 -- not JSON, sorry.");

        var response = await _provider.AskAsync();

        Assert.That(response.Text, Is.EqualTo("I'd say BUY, confidence about 0.7 -- not JSON, sorry."));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
