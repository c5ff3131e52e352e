using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Storage;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Status;

/// <summary>
/// Reads the cluster's state through Orleans' management grain (silos from the membership table, grain counts from
/// every silo) and the decision rate from the store.
/// </summary>
public sealed class ClusterStatusReader(
    IGrainFactory grains,
    JournalQueries journal,
    IOptions<CryptoFunkClusterOptions> cluster,
    IOptions<DatabaseOptions> database,
    TimeProvider time)
{
    /// <summary>The span the decision rate is counted over.</summary>
    public static readonly TimeSpan DecisionWindow = TimeSpan.FromMinutes(5);

    /// <summary>Reads the state now.</summary>
    public async Task<ClusterStatusReport> ReadAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
        var silos = hosts.Where(h => h.Status != SiloStatus.Dead)
            .OrderBy(h => h.StartTime).ThenBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h => new ClusterSilo(h.SiloName, h.SiloAddress.Endpoint.ToString(), h.Status.ToString(), new DateTimeOffset(h.StartTime, TimeSpan.Zero)))
            .ToList();
        var statistics = await management.GetSimpleGrainStatistics(cancellationToken);
        var counts = statistics
            .Select(s => new ClusterGrainCount(s.SiloAddress.Endpoint.ToString(), ShortName(s.GrainType), s.ActivationCount))
            .OrderBy(c => c.Silo, StringComparer.Ordinal).ThenBy(c => c.GrainType, StringComparer.Ordinal)
            .ToList();
        var options = cluster.Value;
        return new ClusterStatusReport(
            options.ClusterId,
            options.Provider,
            ClusterConnectionString.Redact(options.ConnectionString ?? string.Empty),
            silos,
            hosts.Length - silos.Count,
            counts,
            await DecisionRateAsync(cancellationToken));
    }

    /// <summary>The grain class without its namespace and assembly (<c>Orleans.Runtime.Management.ManagementGrain,Orleans.Runtime</c> is <c>ManagementGrain</c>).</summary>
    private static string ShortName(string grainType)
    {
        var type = grainType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }

    private async Task<DecisionRate> DecisionRateAsync(CancellationToken cancellationToken)
    {
        var name = DatabaseProviders.Redact(database.Value.ConnectionString);
        try
        {
            var stored = await journal.DecisionsStoredSinceAsync(time.GetUtcNow() - DecisionWindow, cancellationToken);
            return new DecisionRate(stored / DecisionWindow.TotalMinutes, DecisionWindow, name, null);
        }
        catch (JournalUnavailableException e)
        {
            return new DecisionRate(null, DecisionWindow, name, e.Message);
        }
    }
}
