using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Engine.Paper;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// Paper accounts in their grains (<see cref="IPaperAccountGrain"/>), wherever the cluster activates them: the program's
/// own silo, or a cluster's silos when <c>paper --cluster</c> submits the account. As a cluster's client it watches the
/// cluster's membership while the account trades (<see cref="ClusterMembershipWatch"/>), because Orleans never breaks a
/// client's call that died with a silo.
/// </summary>
/// <param name="grains">Reaches the grains.</param>
/// <param name="time">Paces the tries.</param>
/// <param name="logger">Says when an account is opened and why a close is tried again.</param>
/// <param name="isClient">This process is the cluster's client, not one of its silos.</param>
public sealed class GrainPaperAccountHost(IGrainFactory grains, TimeProvider time, ILogger<GrainPaperAccountHost> logger, bool isClient) : IPaperAccountHost
{
    /// <inheritdoc />
    public async Task<IOpenPaperAccount> OpenAsync(PaperAccountOpening opening, CancellationToken cancellationToken)
    {
        var watch = isClient ? new ClusterMembershipWatch(grains, (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken)).Keys) : null;
        var account = new GrainPaperAccount(grains.GetGrain<IPaperAccountGrain>(opening.Account), opening, watch, time, logger);
        try
        {
            await account.OpenAsync();
            return account;
        }
        catch
        {
            await account.DisposeAsync();
            throw;
        }
    }
}
