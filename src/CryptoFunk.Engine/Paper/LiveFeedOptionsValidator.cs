using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>Refuses waits that would poll without pause or wait backwards, naming the key (<c>Paper:PollInterval</c>).</summary>
public sealed class LiveFeedOptionsValidator : IValidateOptions<LiveFeedOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LiveFeedOptions options)
    {
        var errors = new List<string>();
        if (options.SettleDelay < TimeSpan.Zero)
        {
            errors.Add($"{LiveFeedOptions.Section}:{nameof(LiveFeedOptions.SettleDelay)} must not be negative, not {options.SettleDelay}");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{LiveFeedOptions.Section}:{nameof(LiveFeedOptions.PollInterval)} must be positive, not {options.PollInterval}");
        }

        if (options.LateCandleTimeout < TimeSpan.Zero)
        {
            errors.Add($"{LiveFeedOptions.Section}:{nameof(LiveFeedOptions.LateCandleTimeout)} must not be negative, not {options.LateCandleTimeout}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
