using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// One log line when this silo has joined its cluster (active, taking grains) and one when it has left (its membership
/// row says dead), so an operator sees both ends of a silo's life without Orleans' own logs.
/// </summary>
internal sealed partial class SiloMembershipLog(ILocalSiloDetails silo, IOptions<ClusterOptions> cluster, ILogger<SiloMembershipLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        // Active starts last, once the silo is in the membership table as active. RuntimeInitialize stops last: after
        // the membership agent (RuntimeInitialize + 1) has written the silo dead.
        lifecycle.Subscribe(nameof(SiloMembershipLog), ServiceLifecycleStage.Active, _ =>
        {
            Joined(logger, silo.Name, cluster.Value.ClusterId, silo.SiloAddress.Endpoint.ToString());
            return Task.CompletedTask;
        });
        lifecycle.Subscribe(nameof(SiloMembershipLog), ServiceLifecycleStage.RuntimeInitialize, _ => Task.CompletedTask, _ =>
        {
            Left(logger, silo.Name, cluster.Value.ClusterId, silo.SiloAddress.Endpoint.ToString());
            return Task.CompletedTask;
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "silo {Silo} joined cluster {Cluster} at {Endpoint}")]
    private static partial void Joined(ILogger logger, string silo, string cluster, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "silo {Silo} left cluster {Cluster} at {Endpoint}")]
    private static partial void Left(ILogger logger, string silo, string cluster, string endpoint);
}
