using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Tests.Support;
using Npgsql;

namespace CryptoFunk.Tests.Cluster;

/// <summary>Orleans' PostgreSQL clustering tables are created once, by whichever process comes first, and never overwritten.</summary>
public sealed class PostgresClusteringTests
{
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
        "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    [Test]
    public async Task Installing_from_several_processes_at_once_creates_every_query_once_and_keeps_installed_ones()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var existing = new NpgsqlCommand(
                "CREATE TABLE OrleansQuery (QueryKey varchar(64) NOT NULL PRIMARY KEY, QueryText text NOT NULL); INSERT INTO OrleansQuery VALUES ('GatewaysQueryKey', 'installed before')",
                connection);
            await existing.ExecuteNonQueryAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresClustering.EnsureSchemaAsync(database.ConnectionString, CancellationToken.None)));
        await PostgresClustering.EnsureSchemaAsync(database.ConnectionString, CancellationToken.None);

        var queries = new Dictionary<string, string>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                queries.Add(reader.GetString(0), reader.GetString(1));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(queries.Keys, Is.EquivalentTo(QueryKeys));
            Assert.That(queries["GatewaysQueryKey"], Is.EqualTo("installed before"));
        });
    }
}
