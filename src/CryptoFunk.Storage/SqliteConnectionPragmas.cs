using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CryptoFunk.Storage;

/// <summary>
/// Per-connection SQLite settings. <c>busy_timeout</c> lets SQLite itself wait (in millisecond steps) for a write lock
/// another writer holds, instead of the client's retry loop that sleeps 150 ms per attempt: the trading journal and the
/// background span writer share one file. It waits as long as the connection string's <c>Default Timeout</c> (30 s
/// unless set; 0 waits without limit), the same bound Microsoft.Data.Sqlite puts on its own retries.
/// <c>synchronous = NORMAL</c> (with the write-ahead log) syncs the log at
/// checkpoints instead of at every commit: a commit still survives the process being killed at any moment, and only a
/// power cut or OS crash can lose the last commits (never corrupt the file), after which a paper account continues
/// from its last stored close; paper orders have no effect outside the process. It makes storing an order's intent
/// before the broker sees it cost a write, not a disk flush. <c>temp_store = MEMORY</c> keeps the statement journals
/// of a write transaction in memory: in a temporary file (deleted at once, so it never reached the disk) the journal's
/// batches wrote about one page per row to it, 0.7 GB for a replayed year against 0.06 GB in memory.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Pragmas(DbConnection connection)
    {
        var seconds = ((SqliteConnection)connection).DefaultTimeout;
        var milliseconds = seconds == 0 ? int.MaxValue : (int)Math.Min(seconds * 1000L, int.MaxValue);
        return string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {milliseconds}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;");
    }
}
