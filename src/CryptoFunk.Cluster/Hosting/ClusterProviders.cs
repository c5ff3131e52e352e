namespace CryptoFunk.Cluster.Hosting;

/// <summary>The values of <c>Cluster:Provider</c>: where silos find each other.</summary>
public static class ClusterProviders
{
    /// <summary>Orleans' ADO.NET clustering on PostgreSQL (the default).</summary>
    public const string Postgres = "postgres";

    /// <summary>Orleans' Redis clustering.</summary>
    public const string Redis = "redis";
}
