using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace CryptoFunk.Storage;

/// <summary>
/// Npgsql's retrying strategy, bounded by time instead of a count: an operation that cannot reach the server is
/// tried again (every 2 s at most) until <see cref="DatabaseOutage.Timeout"/> has passed since its first failure,
/// so a server restart pauses a run instead of failing it. Sessions the server ended while shutting down (57P01,
/// 57P02) count as unreachable too. A write that may have committed before its connection broke is checked by the
/// caller's verification before it is tried again (see <see cref="RetriableTransaction"/>).
/// </summary>
public sealed class OutageRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, DatabaseOutage outage)
    : NpgsqlRetryingExecutionStrategy(dependencies, int.MaxValue, MaxDelay, ["57P01", "57P02"])
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private long _firstFailure;

    /// <inheritdoc />
    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        if (_firstFailure == 0)
        {
            _firstFailure = Stopwatch.GetTimestamp();
        }

        outage.Failed(lastException);
        return Stopwatch.GetElapsedTime(_firstFailure) >= outage.Timeout ? null : base.GetNextDelay(lastException);
    }
}
