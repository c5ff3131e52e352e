using System.Data.Common;

namespace CryptoFunk.Storage;

/// <summary>Tells SQLite and PostgreSQL connection strings apart and describes them without their secrets.</summary>
public static class DatabaseProviders
{
    /// <summary>PostgreSQL when the string names a host; SQLite when it names a data source or file.</summary>
    public static DatabaseProvider Detect(string connectionString)
    {
        var builder = Parse(connectionString);
        if (builder.ContainsKey("Host") || builder.ContainsKey("Server"))
        {
            return DatabaseProvider.PostgreSql;
        }

        if (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename"))
        {
            return DatabaseProvider.Sqlite;
        }

        throw new ArgumentException("the database connection string names neither a SQLite 'Data Source' nor a PostgreSQL 'Host'", nameof(connectionString));
    }

    /// <summary>The connection string with any password removed, for logs and summaries.</summary>
    public static string Redact(string connectionString)
    {
        var builder = Parse(connectionString);
        foreach (var key in new[] { "Password", "Pwd" })
        {
            if (builder.ContainsKey(key))
            {
                builder[key] = "***";
            }
        }

        return builder.ConnectionString;
    }

    private static DbConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the database connection string is malformed: {e.Message}", nameof(connectionString), e);
        }
    }
}
