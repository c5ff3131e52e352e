using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A scriptable LLM provider on 127.0.0.1 (random port): each request takes the next scripted
/// <see cref="FakeReply"/> (or asks <see cref="Fallback"/>), and every request is recorded. Derived classes speak
/// one vendor's wire format.
/// </summary>
public abstract class FakeLlmServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many requests arrived (including ones that hung or failed).</summary>
    public int RequestCount => _requests.Count;

    /// <summary>The newest request; fails the test when there was none.</summary>
    public RecordedRequest LastRequest =>
        Requests is { Count: > 0 } all ? all[^1] : throw new AssertionException("the fake received no request");

    /// <summary>Answers requests when the script is empty; without one, an unscripted request gets an HTTP 599.</summary>
    public Func<RecordedRequest, FakeReply>? Fallback { get; set; }

    /// <summary>Adds replies to the script, answered in order.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Stops the server; hanging requests are released.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Whether <paramref name="path"/> is the vendor's API route.</summary>
    protected abstract bool IsApiPath(string path);

    /// <summary>The vendor's error body for <paramref name="message"/>.</summary>
    protected abstract string ErrorBody(string message);

    /// <summary>Binds to a free port and starts answering.</summary>
    protected async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(_stopping.Token);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            ParseJson(body));
        _requests.Enqueue(request);

        var reply =
            !HttpMethods.IsPost(request.Method) || !IsApiPath(request.Path)
                ? FakeReply.Json(404, ErrorBody($"fake server: no route for {request.Method} {request.Path}")) :
            _script.TryDequeue(out var next) ? next :
            Fallback?.Invoke(request) ?? FakeReply.Json(599, ErrorBody("fake server: no scripted reply left"));

        using var token = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await reply.Write(context, token.Token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away mid-reply (a timeout under test); nothing left to send.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Same, seen as a broken connection while writing.
        }
    }

    private static JsonElement? ParseJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
