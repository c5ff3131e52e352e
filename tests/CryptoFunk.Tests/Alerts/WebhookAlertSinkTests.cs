using System.Diagnostics;
using System.Text.Json;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Engine.Alerts;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Alerts;

/// <summary>The webhook sink against a fake webhook on 127.0.0.1: bodies per format, and a failing or hanging webhook.</summary>
public sealed class WebhookAlertSinkTests
{
    private static readonly Alert Down = new(AlertKinds.ProvidersDown, AlertSeverity.Urgent, "every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)")
    {
        Run = "bt-1",
        Symbol = "BTC/USDT",
        Time = new DateTimeOffset(2021, 1, 4, 5, 0, 0, TimeSpan.Zero),
    };

    private static WebhookAlertSink Sink(FakeWebhookServer webhook, ListLogger<WebhookAlertSink> logger, AlertFormat format = AlertFormat.Generic, TimeSpan? timeout = null) => new(
        Options.Create(new AlertOptions
        {
            WebhookUrl = webhook.Url.ToString(),
            Format = format,
            TelegramChatId = "-100123",
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            FlushTimeout = TimeSpan.FromSeconds(10),
        }),
        TimeProvider.System,
        logger);

    [TestCase(AlertFormat.Generic, """{"kind":"providers_down","severity":"urgent","time":"2021-01-04T05:00:00Z","run":"bt-1","symbol":"BTC/USDT","message":"every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)","count":1}""")]
    [TestCase(AlertFormat.Slack, """{"text":"[urgent] providers_down bt-1 BTC/USDT 2021-01-04T05:00:00Z: every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)"}""")]
    [TestCase(AlertFormat.Discord, """{"content":"[urgent] providers_down bt-1 BTC/USDT 2021-01-04T05:00:00Z: every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)"}""")]
    [TestCase(AlertFormat.Telegram, """{"chat_id":"-100123","text":"[urgent] providers_down bt-1 BTC/USDT 2021-01-04T05:00:00Z: every model provider is down (openai/gpt-fake-1 ServerError HTTP 500)"}""")]
    public async Task Each_format_posts_its_body_as_json(AlertFormat format, string expected)
    {
        await using var webhook = await FakeWebhookServer.StartAsync();
        var logger = new ListLogger<WebhookAlertSink>();
        await using var sink = Sink(webhook, logger, format);

        sink.Raise(Down);
        await sink.FlushAsync(CancellationToken.None);

        var request = webhook.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(JsonSerializer.Serialize(request.RequireJson()), Is.EqualTo(expected));
            Assert.That(logger.Entries, Is.Empty);
        });
    }

    [Test]
    public async Task A_webhook_answering_500_is_logged_once_per_streak_without_its_url_and_every_alert_is_still_tried()
    {
        await using var webhook = await FakeWebhookServer.StartAsync();
        webhook.Enqueue(Enumerable.Range(0, 3).Select(_ => FakeReply.Json(500, """{"error":"boom"}""")).ToArray());
        var logger = new ListLogger<WebhookAlertSink>();
        await using var sink = Sink(webhook, logger);

        foreach (var i in Enumerable.Range(0, 4))
        {
            sink.Raise(Down with { Message = $"alert {i}" });
        }

        await sink.FlushAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(webhook.RequestCount, Is.EqualTo(4), "no retries, and the failures did not stop the queue");
            Assert.That(logger.Entries.Select(e => (e.Level, e.Message)), Is.EqualTo(new[]
            {
                (LogLevel.Warning, "Alert webhook failed posting a providers_down alert: HTTP 500; further failures are not logged until a post succeeds, and trading goes on"),
                (LogLevel.Information, "Alert webhook answers again after 3 failed posts"),
            }));
            Assert.That(string.Join("\n", logger.Entries.Select(e => e.Message)), Does.Not.Contain("SECRETTOKEN").And.Not.Contain(webhook.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task A_hanging_webhook_never_blocks_raising_each_post_is_cut_at_the_timeout_and_the_flush_ends_in_time()
    {
        await using var webhook = await FakeWebhookServer.StartAsync();
        webhook.Fallback = _ => FakeReply.Hang();
        var logger = new ListLogger<WebhookAlertSink>();
        await using var sink = Sink(webhook, logger, timeout: TimeSpan.FromMilliseconds(200));

        var raising = Stopwatch.StartNew();
        foreach (var i in Enumerable.Range(0, 3))
        {
            sink.Raise(Down with { Message = $"alert {i}" });
        }

        raising.Stop();
        var flushing = Stopwatch.StartNew();
        await sink.FlushAsync(CancellationToken.None);
        flushing.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(raising.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(100)), "raising only queues");
            Assert.That(webhook.RequestCount, Is.EqualTo(3), "each post given up on after its timeout, none retried");
            Assert.That(flushing.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(logger.Entries.Select(e => e.Message), Is.EqualTo(new[]
            {
                "Alert webhook failed posting a providers_down alert: no answer within 0.2 s; further failures are not logged until a post succeeds, and trading goes on",
            }));
        });
    }

    [Test]
    public void A_webhook_url_that_is_not_an_absolute_http_url_is_refused_naming_the_key_and_not_the_value()
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { WebhookUrl = "hooks.slack.com/services/SECRET" });

        Assert.That(result.Failures, Is.EqualTo(new[] { "Alerts:WebhookUrl must be an absolute http or https URL (the value is not shown: it is a secret)" }));
    }
}
