using CryptoFunk.Cluster.Hosting;
using Orleans.Runtime.Messaging;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// Tells a failure that came from losing a silo from one that came from the backtest itself, so only the first is
/// tried again. Orleans 10 breaks a call whose target silo was declared dead with <see cref="SiloUnavailableException"/>
/// and a message it could not deliver with another <see cref="OrleansMessageRejectionException"/>; a connection that
/// could not be made is <see cref="ConnectionFailedException"/>. A call from a cluster client whose silo died is not
/// broken at all (only its response timeout would end it), so the dispatcher also counts any failure of a call to a
/// silo the cluster has declared dead (<see cref="ClusterMembershipWatch"/>).
/// </summary>
internal static class SiloLoss
{
    /// <summary>Whether <paramref name="failure"/>, or what caused it, is Orleans failing to reach a silo, or a sweep backtest that failed so.</summary>
    public static bool Caused(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException or ConnectionFailedException or SweepBacktestFailedException { SiloLost: true })
            {
                return true;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(Caused);
            }
        }

        return false;
    }
}
