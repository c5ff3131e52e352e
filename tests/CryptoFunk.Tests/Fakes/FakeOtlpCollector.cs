using System.Collections.Concurrent;
using System.IO.Compression;
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
/// A fake OTLP/HTTP collector on 127.0.0.1 (random port): accepts <c>POST /v1/{signal}</c> in http/protobuf, answers
/// 200 and keeps every body as sent (gzip undone), so a test can look inside what was exported.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _received = new();

    private FakeOtlpCollector(WebApplication app) => _app = app;

    /// <summary>The endpoint to configure as <c>Telemetry:OtlpEndpoint</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every export so far, oldest first.</summary>
    public IReadOnlyList<OtlpExport> Received => [.. _received];

    /// <summary>Starts the collector on a free port.</summary>
    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = new FakeOtlpCollector(builder.Build());
        collector._app.MapPost("/v1/{signal}", collector.ReceiveAsync);
        await collector._app.StartAsync();
        collector.Endpoint = collector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return collector;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        var gzipped = http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        await using (var source = gzipped ? new GZipStream(http.Request.Body, CompressionMode.Decompress) : http.Request.Body)
        {
            await source.CopyToAsync(body, http.RequestAborted);
        }

        _received.Enqueue(new OtlpExport(http.Request.Path, body.ToArray()));
    }
}
