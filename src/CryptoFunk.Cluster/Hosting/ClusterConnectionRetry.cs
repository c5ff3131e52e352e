using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// How long a client waits for a silo to answer: a few seconds, enough for silos that are still starting, instead of
/// Orleans' default of about three minutes, so a command against a cluster with no silo fails promptly.
/// </summary>
internal sealed class ClusterConnectionRetry : IClientConnectionRetryFilter
{
    /// <summary>Attempts after the first.</summary>
    private const int Retries = 10;

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private int _retries;

    /// <inheritdoc />
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansMessageRejectionException or ConnectionFailedException) || ++_retries > Retries)
        {
            return false;
        }

        await Task.Delay(Pause, cancellationToken);
        return true;
    }
}
