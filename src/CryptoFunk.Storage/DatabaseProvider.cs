namespace CryptoFunk.Storage;

/// <summary>The database engines the store runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: zero setup, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    PostgreSql,
}
