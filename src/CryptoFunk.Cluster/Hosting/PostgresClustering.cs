using Npgsql;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// The one place that prepares PostgreSQL for Orleans' ADO.NET clustering: <c>PostgresClustering.sql</c> (embedded)
/// creates its tables and queries when missing, and every clustering connection runs in UTC.
/// </summary>
public static class PostgresClustering
{
    /// <summary>The ADO.NET invariant Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Serializes installations by several processes at once (an arbitrary constant of this schema).</summary>
    private const long InstallLock = 0x43_46_4f_52_4c_45_41;

    /// <summary>
    /// <paramref name="connectionString"/> with the session time zone set to UTC, so membership times are stored and
    /// compared the same whatever the server's default zone.
    /// </summary>
    public static string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString;

    /// <summary>Creates the clustering tables and queries that are missing; safe to run from every silo and client.</summary>
    public static async Task EnsureSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({InstallLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var install = new NpgsqlCommand(await ScriptAsync(cancellationToken), connection, transaction))
        {
            await install.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string> ScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(PostgresClustering).Assembly.GetManifestResourceStream($"{typeof(PostgresClustering).Namespace}.PostgresClustering.sql")
            ?? throw new InvalidOperationException("PostgresClustering.sql is not embedded in CryptoFunk.Cluster");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
