using System.Net.Http.Headers;
using System.Threading.Channels;
using CryptoFunk.Agents.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Alerts;

/// <summary>
/// Posts alerts to the configured webhook without ever holding up a decision: <see cref="Raise"/> only puts the alert
/// in a bounded queue (a full queue drops it, counted), and one background loop posts them in order through the
/// <see cref="AlertThrottle"/>, each post cut at <c>Alerts:Timeout</c> and never retried. A failing or slow webhook is
/// logged once per streak of failures, by status or error kind only: neither the URL (a secret) nor any error text
/// is logged. <see cref="FlushAsync"/> waits, up to <c>Alerts:FlushTimeout</c>, until what was raised went out.
/// </summary>
public sealed partial class WebhookAlertSink : IAlertSink, IDisposable, IAsyncDisposable
{
    private readonly AlertOptions _options;
    private readonly Uri _url;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    private readonly Channel<Queued> _queue;
    private readonly AlertThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookAlertSink> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sending;
    private int _overflow;
    private int _overflowUrgent;
    private int _failures;

    /// <summary>Starts the sending loop for the webhook of <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">An <c>Alerts:*</c> setting is not valid; the message names it.</exception>
    public WebhookAlertSink(IOptions<AlertOptions> options, TimeProvider time, ILogger<WebhookAlertSink> logger)
    {
        _options = options.Value;
        _url = new Uri(_options.WebhookUrl!.Trim(), UriKind.Absolute);
        _time = time;
        _logger = logger;
        _throttle = new AlertThrottle(_options.MaxPerMinute, _options.CoalesceWindow);
        _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _sending = Task.Run(SendAsync);
    }

    /// <inheritdoc />
    public bool IsEnabled => true;

    /// <inheritdoc />
    public void Raise(Alert alert)
    {
        var complete = alert.InScope(_time.GetUtcNow());
        if (!_queue.Writer.TryWrite(new Queued(complete, null)))
        {
            Interlocked.Increment(ref _overflow);
            if (alert.Severity == AlertSeverity.Urgent)
            {
                Interlocked.Increment(ref _overflowUrgent);
            }
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_options.FlushTimeout);
        try
        {
            await _queue.Writer.WriteAsync(new Queued(null, flushed), bounded.Token);
            await flushed.Task.WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogFlushTimedOut(_logger, _options.FlushTimeout);
        }
        catch (ChannelClosedException)
        {
            // Disposed: nothing more is sent.
        }
    }

    /// <summary>Stops the loop at once; what was not posted is left (a run flushes before it ends).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _http.Dispose();
    }

    /// <summary>As <see cref="Dispose"/>, once the loop has stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _sending;
        _http.Dispose();
    }

    private async Task SendAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await WaitAsync(reader))
            {
                foreach (var due in _throttle.Due(_time.GetUtcNow()))
                {
                    await PostAsync(due);
                }

                while (reader.TryRead(out var queued))
                {
                    _throttle.CountDropped(Interlocked.Exchange(ref _overflow, 0), Interlocked.Exchange(ref _overflowUrgent, 0));
                    if (queued.Alert is { } alert)
                    {
                        if (_throttle.Admit(alert, _time.GetUtcNow()) is { } admitted)
                        {
                            await PostAsync(admitted);
                        }

                        continue;
                    }

                    foreach (var held in _throttle.Drain(_time.GetUtcNow()))
                    {
                        await PostAsync(held);
                    }

                    queued.Flushed!.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
        {
            // Disposed in the middle of a post.
        }
    }

    /// <summary>Waits for an alert, or for the end of the first coalescing window holding some; false once the queue is closed.</summary>
    private async Task<bool> WaitAsync(ChannelReader<Queued> reader)
    {
        if (_throttle.NextDue is not { } due)
        {
            return await reader.WaitToReadAsync(_stopping.Token);
        }

        var wait = due - _time.GetUtcNow();
        try
        {
            return wait <= TimeSpan.Zero || await reader.WaitToReadAsync(_stopping.Token).AsTask().WaitAsync(wait, _time, _stopping.Token);
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>One post, cut at the timeout and not retried; how it went is logged only when a failure streak starts or ends.</summary>
    private async Task PostAsync(Alert alert)
    {
        using var content = new ByteArrayContent(AlertBody.Write(alert, _options.Format, _options.TelegramChatId));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.Timeout);
        string? failure;
        try
        {
            using var response = await _http.PostAsync(_url, content, timeout.Token);
            failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            failure = $"no answer within {_options.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            failure = $"request failed ({e.HttpRequestError})";
        }

        if (failure is not null)
        {
            if (_failures++ == 0)
            {
                LogWebhookFailing(_logger, alert.Kind, failure);
            }
        }
        else if (_failures > 0)
        {
            LogWebhookRecovered(_logger, _failures);
            _failures = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook failed posting a {Kind} alert: {Failure}; further failures are not logged until a post succeeds, and trading goes on")]
    private static partial void LogWebhookFailing(ILogger logger, string kind, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert webhook answers again after {Failures} failed posts")]
    private static partial void LogWebhookRecovered(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts not all posted within Alerts:FlushTimeout ({Timeout}); the run ends without them")]
    private static partial void LogFlushTimedOut(ILogger logger, TimeSpan timeout);

    /// <summary>An alert to post, or a flush waiting for everything queued before it.</summary>
    private sealed record Queued(Alert? Alert, TaskCompletionSource? Flushed);
}
