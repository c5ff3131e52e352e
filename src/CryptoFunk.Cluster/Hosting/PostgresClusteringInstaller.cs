using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// Creates Orleans' clustering tables on PostgreSQL when they are missing. Registered before Orleans, so it runs
/// before the silo or client first reads the membership table, and an unreachable store is one clear error.
/// </summary>
internal sealed class PostgresClusteringInstaller(IOptions<CryptoFunkClusterOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { IsShared: true, Provider: ClusterProviders.Postgres } cluster)
        {
            return;
        }

        try
        {
            await PostgresClustering.EnsureSchemaAsync(cluster.ConnectionString!, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new ClusterUnavailableException(
                $"cluster: cannot use PostgreSQL at {ClusterConnectionString.Redact(cluster.ConnectionString!)} ({e.Message}); is the server running and {CryptoFunkClusterOptions.ConnectionStringKey} (--cluster) right?",
                e);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
