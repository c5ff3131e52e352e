using Microsoft.Extensions.Logging;

namespace CryptoFunk.Agents.Caching;

/// <summary>The Redis answer store's log messages; the server is always named without its password.</summary>
internal static partial class RedisLlmCacheStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Answer cache: Redis {Server} is unavailable ({Reason} on {Operation}); the run goes on without the cache, each skipped operation counted as cache_unavailable")]
    public static partial void Unavailable(ILogger logger, string server, string reason, string operation);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Answer cache: Redis {Server} is reachable again ({Skipped} operations skipped so far)")]
    public static partial void Restored(ILogger logger, string server, long skipped);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Answer cache: the Redis value under {Key} is not a whole answer; treated as a miss and removed")]
    public static partial void Unreadable(ILogger logger, string key);
}
