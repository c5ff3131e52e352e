using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CryptoFunk.Storage;

/// <summary>
/// Lets SQLite itself wait (in millisecond steps) for a write lock another writer holds, instead of the client's
/// retry loop that sleeps 150 ms per attempt: the trading journal and the background span writer share one file.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
