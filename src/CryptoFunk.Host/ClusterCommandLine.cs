using CryptoFunk.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoFunk.Host;

/// <summary>
/// Which commands run Orleans, decided from the command line before the host is built (Orleans is co-hosted: it has to
/// be added to the builder). <c>silo</c> hosts a silo that joins the configured cluster; <c>paper</c> and <c>sweep</c>
/// host a private silo in this process, or are clients of the cluster given with <c>--cluster</c>; <c>cluster status</c>
/// is a client.
/// Every other command, and any <c>--help</c>, starts no Orleans at all.
/// </summary>
internal static class ClusterCommandLine
{
    private static readonly string[] HelpOptions = ["--help", "-h", "-?", "/?", "/h"];

    /// <summary>Adds the silo or client that <paramref name="args"/> need, if any, to <paramref name="builder"/>.</summary>
    public static void AddOrleansFor(IReadOnlyList<string> args, IHostApplicationBuilder builder)
    {
        if (args.Count == 0 || args.Any(a => HelpOptions.Contains(a, StringComparer.Ordinal)))
        {
            return;
        }

        var shared = !string.IsNullOrWhiteSpace(builder.Configuration[CryptoFunkClusterOptions.ConnectionStringKey]);
        switch (args[0])
        {
            case "silo":
                builder.AddCryptoFunkSilo();
                builder.Services.AddOptions<CryptoFunkClusterOptions>().RequireClusterConnection();
                break;
            case "paper" when shared:
            case "sweep" when shared:
            case "cluster" when args.Count > 1 && args[1] == "status":
                builder.AddCryptoFunkClusterClient();
                break;
            case "paper":
            case "sweep":
                builder.AddCryptoFunkSilo();
                break;
        }
    }
}
