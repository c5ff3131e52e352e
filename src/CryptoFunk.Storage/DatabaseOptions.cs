using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CryptoFunk.Storage;

/// <summary>
/// Where decisions, LLM calls, the cache and spans are kept (configuration section <c>Database</c>). The default is a
/// SQLite file in the working directory, so a fresh install needs nothing; a PostgreSQL connection string
/// (<c>Host=...;Username=...;Password=...;Database=...</c>) switches provider with the same code and migrations.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Database";

    /// <summary>An ADO.NET connection string; SQLite (<c>Data Source=FILE</c>) or PostgreSQL (<c>Host=...</c>).</summary>
    public string ConnectionString { get; set; } = "Data Source=cryptofunk.db";

    /// <summary>How long PostgreSQL may stay unreachable before a run stops; until then it pauses and keeps trying.</summary>
    public TimeSpan OutageTimeout { get; set; } = DefaultOutageTimeout;

    /// <summary>The default <see cref="OutageTimeout"/>: long enough for a server restart or failover.</summary>
    public static readonly TimeSpan DefaultOutageTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The provider the connection string is for, read from its keywords.</summary>
    public DatabaseProvider Provider => DatabaseProviders.Detect(ConnectionString);

    /// <summary>Problems with the connection string, naming the key and never its password; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        try
        {
            DbConnectionStringBuilder builder = Provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnectionStringBuilder(ConnectionString)
                : new SqliteConnectionStringBuilder(ConnectionString);
            if (builder.Count == 0)
            {
                return [$"{Section}:ConnectionString (--db) is empty"];
            }

            return OutageTimeout > TimeSpan.Zero ? [] : [$"{Section}:{nameof(OutageTimeout)} must be positive, was {OutageTimeout}"];
        }
        catch (ArgumentException e)
        {
            return [$"{Section}:ConnectionString (--db) is not a valid connection string: {e.Message}"];
        }
    }
}
