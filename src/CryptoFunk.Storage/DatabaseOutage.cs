using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoFunk.Storage;

/// <summary>
/// Whether the PostgreSQL server can be reached right now, as the last database command found it. A trading run
/// pauses while it cannot (no close is decided and no order placed until what came before is stored), and every
/// operation waits for the server up to <see cref="Timeout"/> before the run stops. It says once when the server
/// went away and once when it came back.
/// </summary>
public sealed partial class DatabaseOutage(TimeSpan timeout, ILogger<DatabaseOutage> logger)
{
    private int _unreachable;
    private long _since;

    /// <summary>An outage tracker that waits the default time and logs nothing (tests, tools).</summary>
    public DatabaseOutage()
        : this(DatabaseOptions.DefaultOutageTimeout, NullLogger<DatabaseOutage>.Instance)
    {
    }

    /// <summary>How long an operation keeps trying while the server cannot be reached (<c>Database:OutageTimeout</c>).</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>True from a failed attempt to reach the server until a command succeeds again.</summary>
    public bool IsUnreachable => Volatile.Read(ref _unreachable) == 1;

    /// <summary>Records an attempt that could not reach the server.</summary>
    internal void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            Volatile.Write(ref _since, Stopwatch.GetTimestamp());
            LogUnreachable(logger, exception.GetBaseException().Message, Timeout);
        }
    }

    /// <summary>Records a command that reached the server.</summary>
    internal void Succeeded()
    {
        if (Volatile.Read(ref _unreachable) == 1 && Interlocked.Exchange(ref _unreachable, 0) == 1)
        {
            LogReachable(logger, Stopwatch.GetElapsedTime(Volatile.Read(ref _since)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "database unreachable ({Reason}): trading paused, nothing is decided or placed until it is back; trying again for up to {Timeout} (Database:OutageTimeout)")]
    private static partial void LogUnreachable(ILogger logger, string reason, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "database reachable again after {Down}: trading resumed")]
    private static partial void LogReachable(ILogger logger, TimeSpan down);
}
