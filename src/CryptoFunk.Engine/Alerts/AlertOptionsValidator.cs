using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Alerts;

/// <summary>
/// Refuses alert settings that cannot work, one line per key (<c>Alerts:WebhookUrl</c>); the URL itself is never
/// quoted, since it holds the webhook's token.
/// </summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.WebhookUrl!.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Key(nameof(AlertOptions.WebhookUrl))} must be an absolute http or https URL (the value is not shown: it is a secret)");
        }

        if (options.Format == AlertFormat.Telegram && string.IsNullOrWhiteSpace(options.TelegramChatId))
        {
            errors.Add($"{Key(nameof(AlertOptions.TelegramChatId))} is required when {Key(nameof(AlertOptions.Format))} is telegram");
        }

        if (options.MaxPerMinute < 1)
        {
            errors.Add($"{Key(nameof(AlertOptions.MaxPerMinute))} must be at least 1, not {options.MaxPerMinute}");
        }

        if (options.CoalesceWindow < TimeSpan.Zero)
        {
            errors.Add($"{Key(nameof(AlertOptions.CoalesceWindow))} must not be negative, not {options.CoalesceWindow}");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Key(nameof(AlertOptions.Timeout))} must be positive, not {options.Timeout}");
        }

        if (options.FlushTimeout < TimeSpan.Zero)
        {
            errors.Add($"{Key(nameof(AlertOptions.FlushTimeout))} must not be negative, not {options.FlushTimeout}");
        }

        if (options.QueueCapacity < 1)
        {
            errors.Add($"{Key(nameof(AlertOptions.QueueCapacity))} must be at least 1, not {options.QueueCapacity}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string property) => $"{AlertOptions.Section}:{property}";
}
