using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Storage;

/// <summary>
/// Makes sure the configured database already holds a CryptoFunk journal before anything reads it: a missing SQLite
/// file, an unreachable server or a database without our migrations is refused, never created. A journal written by
/// an older version is brought up to date, as any other command would.
/// </summary>
public sealed class ExistingDatabase(IDbContextFactory<CryptoFunkDbContext> contexts, IOptions<DatabaseOptions> options, DatabaseMigrator migrator)
{
    /// <summary>Checks the database once it is needed.</summary>
    /// <exception cref="JournalUnavailableException">There is no journal to read.</exception>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var name = Name(options.Value);
        IReadOnlyList<string> pending;
        try
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            if (applied.Count == 0)
            {
                throw new JournalUnavailableException($"{name} holds no CryptoFunk journal (its schema was never created)");
            }

            pending = [.. context.Database.GetMigrations().Except(applied, StringComparer.Ordinal)];
        }
        catch (DbException e)
        {
            throw new JournalUnavailableException($"cannot read the database {name}: {e.Message}", e);
        }

        if (pending.Count > 0)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>The database as a person would name it: a SQLite file's path, or the connection string without its password.</summary>
    private static string Name(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return DatabaseProviders.Redact(database.ConnectionString);
        }

        var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:" || !File.Exists(sqlite.DataSource))
        {
            throw new JournalUnavailableException($"no database file {sqlite.DataSource}");
        }

        return sqlite.DataSource;
    }
}
