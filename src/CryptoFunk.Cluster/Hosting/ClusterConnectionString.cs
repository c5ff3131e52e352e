using CryptoFunk.Agents.Caching;
using CryptoFunk.Storage;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>The cluster's connection (<c>Cluster:ConnectionString</c>, <c>--cluster</c>) as it may be shown: without its password.</summary>
public static class ClusterConnectionString
{
    /// <summary>
    /// <paramref name="value"/> with its password replaced by <c>***</c>: read as PostgreSQL when it names a host, else as
    /// a Redis configuration; <c>***</c> altogether when it is neither, since it may be a secret.
    /// </summary>
    public static string Redact(string value)
    {
        try
        {
            if (DatabaseProviders.Detect(value) == DatabaseProvider.PostgreSql)
            {
                return DatabaseProviders.Redact(value);
            }
        }
        catch (ArgumentException)
        {
            // Not a key=value connection string: a Redis configuration such as host:6379,password=...
        }

        return RedisConnectionString.Redact(value);
    }
}
