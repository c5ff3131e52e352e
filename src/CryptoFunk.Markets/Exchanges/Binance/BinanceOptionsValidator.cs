using Microsoft.Extensions.Options;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>Refuses settings that would make the client misbehave (no timeout, no budget, negative waits).</summary>
internal sealed class BinanceOptionsValidator : IValidateOptions<BinanceOptions>
{
    public ValidateOptionsResult Validate(string? name, BinanceOptions options)
    {
        var failures = new List<string>();
        var prefix = BinanceOptions.SectionName;
        foreach (var (key, url) in new[] { (nameof(options.BaseUrl), options.BaseUrl), (nameof(options.FuturesBaseUrl), options.FuturesBaseUrl) })
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{prefix}:{key} must be an absolute http or https URL, not '{url}'");
            }
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:RequestTimeout must be positive, not {options.RequestTimeout}");
        }

        if (options.MaxRequestWeightPerMinute <= 0)
        {
            failures.Add($"{prefix}:MaxRequestWeightPerMinute must be positive, not {options.MaxRequestWeightPerMinute}");
        }

        if (options.RequestWeightSafetyMargin is < 0 or >= 1)
        {
            failures.Add($"{prefix}:RequestWeightSafetyMargin must be at least 0 and below 1, not {options.RequestWeightSafetyMargin}");
        }
        else if (options.RequestWeightBudgetPerMinute <= 0)
        {
            failures.Add($"{prefix}: the weight budget (limit less margin) must leave at least 1 per minute");
        }

        if (options.MaxRetries < 0)
        {
            failures.Add($"{prefix}:MaxRetries must not be negative, not {options.MaxRetries}");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:RetryBaseDelay must not be negative, not {options.RetryBaseDelay}");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{prefix}:MaxRetryAfter must not be negative, not {options.MaxRetryAfter}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
