using System.CommandLine;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>--cluster CONNECTION</c>, the same for every command that runs on a cluster. Its value is configuration
/// (<c>Cluster:ConnectionString</c>, read before the host starts by <see cref="CommandLineSettings"/>); the option only
/// lets the parser accept it and <c>--help</c> describe it.
/// </summary>
internal static class ClusterOption
{
    public static Option<string?> Create() => new(CommandLineSettings.Cluster)
    {
        Description = "The cluster: a PostgreSQL connection string, or with Cluster:Provider=redis a Redis configuration (Cluster:ConnectionString).",
    };
}
