using System.Text;
using Microsoft.AspNetCore.Http;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// One scripted answer of a fake server: a status with headers and body, a server-sent-event stream, a stream that
/// stops mid-way and hangs, a request that hangs until the client gives up, or a body that is not the wire format.
/// </summary>
public sealed class FakeReply
{
    private FakeReply(string description, Func<HttpContext, CancellationToken, Task> write)
    {
        Description = description;
        Write = write;
    }

    /// <summary>What the reply is, for failure messages.</summary>
    public string Description { get; }

    /// <summary>Writes the reply; the token fires when the client disconnects or the server stops.</summary>
    public Func<HttpContext, CancellationToken, Task> Write { get; }

    /// <summary>A JSON body with <paramref name="status"/> and extra response headers.</summary>
    public static FakeReply Json(int status, string json, params (string Name, string Value)[] headers) =>
        Body(status, "application/json", json, headers);

    /// <summary>Any body with any content type, e.g. an HTML error page where JSON was expected.</summary>
    public static FakeReply Body(int status, string contentType, string body, params (string Name, string Value)[] headers) =>
        new($"{status} {contentType}", async (context, token) =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, Encoding.UTF8, token);
        });

    /// <summary>
    /// Declares the whole of <paramref name="body"/>'s length, sends its first half and, once the client has had time
    /// to read the headers, drops the connection, as a proxy or a network cut mid-answer does.
    /// </summary>
    public static FakeReply Truncated(int status, string contentType, string body) =>
        new($"{status} {contentType} cut mid-body", async (context, token) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), token);
            await context.Response.Body.FlushAsync(token);
            await Task.Delay(TimeSpan.FromMilliseconds(50), token);
            context.Abort();
        });

    /// <summary>A <c>text/event-stream</c> of <paramref name="frames"/> (each one event's lines), flushed one by one.</summary>
    public static FakeReply Sse(IEnumerable<string> frames) =>
        new("event stream", (context, token) => WriteFramesAsync(context, frames, token));

    /// <summary>Sends <paramref name="frames"/>, then neither ends the stream nor sends more.</summary>
    public static FakeReply SseThenHang(IEnumerable<string> frames) =>
        new("event stream that stalls", async (context, token) =>
        {
            await WriteFramesAsync(context, frames, token);
            await WaitUntilCancelledAsync(token);
        });

    /// <summary>Accepts the request and never answers.</summary>
    public static FakeReply Hang() => new("hang", (_, token) => WaitUntilCancelledAsync(token));

    private static async Task WriteFramesAsync(HttpContext context, IEnumerable<string> frames, CancellationToken token)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var frame in frames)
        {
            await context.Response.WriteAsync(frame.TrimEnd('\n') + "\n\n", Encoding.UTF8, token);
            await context.Response.Body.FlushAsync(token);
        }
    }

    private static async Task WaitUntilCancelledAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping: exactly what a hang waits for.
        }
    }
}
