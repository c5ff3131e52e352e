using System.Data.Common;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Storage;

/// <summary>
/// Every SQLite connection the store opens waits for another writer as long as <c>Default Timeout</c> says, syncs the
/// write-ahead log at checkpoints only, and keeps the temporary journals of its statements in memory: on a file, each
/// row of the journal's write transactions wrote a statement journal page to a deleted temporary file (0.7 GB for a
/// replayed year).
/// </summary>
public sealed class SqliteConnectionPragmasTests
{
    [Test]
    public async Task A_store_connection_has_the_busy_timeout_of_its_default_timeout_normal_sync_and_temporary_files_in_memory()
    {
        await using var database = await StoreDatabase.CreateAsync(StoreDatabase.Sqlite, "Default Timeout=7");
        await using var context = await database.Contexts.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        var connection = context.Database.GetDbConnection();

        Assert.Multiple(() =>
        {
            Assert.That(Pragma(connection, "busy_timeout"), Is.EqualTo(7000L));
            Assert.That(Pragma(connection, "synchronous"), Is.EqualTo(1L), "NORMAL");
            Assert.That(Pragma(connection, "temp_store"), Is.EqualTo(2L), "MEMORY");
        });
    }

    private static long Pragma(DbConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }
}
