namespace CryptoFunk.Engine.Alerts;

/// <summary>
/// Alerts to a webhook (<c>Alerts:*</c>): off unless <see cref="WebhookUrl"/> is set. The URL is a secret (Slack,
/// Discord and Telegram put the token in its path), so it is never logged or printed.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Alerts";

    /// <summary>Where alerts are posted; null turns them off.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The body the webhook expects.</summary>
    public AlertFormat Format { get; set; } = AlertFormat.Generic;

    /// <summary>The chat a Telegram bot posts to; required for <see cref="AlertFormat.Telegram"/>.</summary>
    public string? TelegramChatId { get; set; }

    /// <summary>Posts per minute at most; alerts over it are dropped, counted and reported in the next one.</summary>
    public int MaxPerMinute { get; set; } = 20;

    /// <summary>Identical alerts within this window after one was posted go out once more, as one with their count.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one post may take; it is not retried, so a slow webhook cannot pile posts up.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the end of a run waits for its alerts to go out.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Alerts waiting to be posted at most; more are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>True when a webhook is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);
}
