using System.Net;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Storage;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// How this process takes part in an Orleans cluster (configuration section <c>Cluster</c>). Without
/// <see cref="ConnectionString"/> the silo runs in this process alone, with nothing to install; with it, silos and
/// clients find each other through PostgreSQL (Orleans' ADO.NET clustering) or Redis.
/// </summary>
public sealed class CryptoFunkClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>The configuration key of <see cref="ConnectionString"/> (set by <c>--cluster</c>); it may hold a password.</summary>
    public const string ConnectionStringKey = $"{Section}:{nameof(ConnectionString)}";

    /// <summary><see cref="ClusterProviders.Postgres"/> (default) or <see cref="ClusterProviders.Redis"/>.</summary>
    public string Provider { get; set; } = ClusterProviders.Postgres;

    /// <summary>
    /// The clustering store: a PostgreSQL connection string (<c>Host=...;Database=...;Username=...;Password=...</c>), or
    /// with <c>Cluster:Provider=redis</c> a StackExchange.Redis configuration (<c>host:6379,password=...</c>). Empty: one
    /// silo in this process.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The cluster's id: silos and clients with the same id and store form one cluster.</summary>
    public string ClusterId { get; set; } = "cryptofunk";

    /// <summary>The service's id, which outlives redeployments of the cluster.</summary>
    public string ServiceId { get; set; } = "cryptofunk";

    /// <summary>Port silos talk to each other on (<c>silo --port</c>).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (<c>sweep --cluster</c>, <c>cluster status</c>) connect to (<c>silo --gateway-port</c>).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; it listens there too.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>True when a clustering store is configured, so this process joins (or connects to) a shared cluster.</summary>
    public bool IsShared => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Every problem with the settings, one sentence each naming its key and never the connection's secrets; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        if (Provider is not (ClusterProviders.Postgres or ClusterProviders.Redis))
        {
            errors.Add($"{Section}:{nameof(Provider)} '{Provider}' must be {ClusterProviders.Postgres} or {ClusterProviders.Redis}");
        }
        else if (IsShared && ConnectionProblem() is { } problem)
        {
            errors.Add($"{ConnectionStringKey} (--cluster) {problem}");
        }

        foreach (var (key, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
            {
                errors.Add($"{Section}:{key} must be a port from 1 to 65535, was {port}");
            }
        }

        if (SiloPort == GatewayPort)
        {
            errors.Add($"{Section}:{nameof(SiloPort)} and {Section}:{nameof(GatewayPort)} must differ, both were {SiloPort}");
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            errors.Add($"{Section}:{nameof(AdvertisedAddress)} '{AdvertisedAddress}' is not an IP address");
        }

        foreach (var (key, id) in new[] { (nameof(ClusterId), ClusterId), (nameof(ServiceId), ServiceId) })
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{Section}:{key} must not be empty");
            }
        }

        return errors;
    }

    private string? ConnectionProblem()
    {
        if (Provider == ClusterProviders.Redis)
        {
            return RedisConnectionString.Problem(ConnectionString!) is { } redis
                ? $"is not a StackExchange.Redis configuration (host:port[,password=...]): {redis}"
                : null;
        }

        const string NotPostgres = "is not a PostgreSQL connection string (Host=...;Database=...;Username=...); for Redis set Cluster:Provider=redis";
        try
        {
            return DatabaseProviders.Detect(ConnectionString!) == DatabaseProvider.PostgreSql ? null : NotPostgres;
        }
        catch (ArgumentException)
        {
            return NotPostgres;
        }
    }
}
