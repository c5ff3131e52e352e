using Microsoft.Extensions.Logging;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>Source-generated log messages of the Binance client.</summary>
internal static partial class BinanceLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Binance rate limit hit (HTTP 429) on {Request}; waiting {Wait} before attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, string request, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Binance request {Request} failed ({Reason}); retrying in {Wait} (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string request, string reason, TimeSpan wait, int attempt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Binance banned this IP (HTTP 418) on {Request}; Retry-After {RetryAfter}")]
    public static partial void IpBanned(ILogger logger, string request, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Request weight budget of {Budget} per minute used up ({Used}); waiting {Wait}")]
    public static partial void WeightBudgetExhausted(ILogger logger, int budget, int used, TimeSpan wait);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug,
        Message = "Binance {Request} answered {StatusCode}; used weight {UsedWeight}")]
    public static partial void Answered(ILogger logger, string request, int statusCode, int? usedWeight);
}
