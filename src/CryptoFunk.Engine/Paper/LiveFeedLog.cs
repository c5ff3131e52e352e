using Microsoft.Extensions.Logging;

namespace CryptoFunk.Engine.Paper;

/// <summary>Source-generated log messages of the live feed.</summary>
internal static partial class LiveFeedLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Symbol} candle closing at {Close} is not final yet; fetching it again in {Wait}")]
    public static partial void NotFinalYet(ILogger logger, string symbol, string close, TimeSpan wait);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Symbol} candle closing at {Close} could not be fetched ({Reason}); trying again in {Wait}")]
    public static partial void FetchFailed(ILogger logger, string symbol, string close, string reason, TimeSpan wait);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "{Symbol} skips the close at {Close}: {Reason}; nothing is settled or decided on it")]
    public static partial void Skipped(ILogger logger, string symbol, string close, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "The close at {Close} was a whole bar old when its candles were in ({Now}); settled, not decided")]
    public static partial void Stale(ILogger logger, string close, string now);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "{Symbol} decides at {Close} without its {Input}: {Reason}")]
    public static partial void InputMissing(ILogger logger, string symbol, string close, string input, string reason);
}
