using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Refuses waits that would poll without pause or wait backwards, and order books or waits for them that cannot be,
/// naming the key (<c>Paper:PollInterval</c>).
/// </summary>
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

        if (options.OrderBookDepth is < 1 or > LiveFeedOptions.MaxOrderBookDepth)
        {
            errors.Add($"{LiveFeedOptions.Section}:{nameof(LiveFeedOptions.OrderBookDepth)} must be 1 to {LiveFeedOptions.MaxOrderBookDepth}, not {options.OrderBookDepth}");
        }

        if (options.MarketDataTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{LiveFeedOptions.Section}:{nameof(LiveFeedOptions.MarketDataTimeout)} must be positive, not {options.MarketDataTimeout}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
