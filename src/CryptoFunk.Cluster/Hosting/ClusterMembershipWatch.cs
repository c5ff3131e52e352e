using System.Collections.Concurrent;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Hosting;

/// <summary>
/// Which of the silos a client works with the cluster has declared dead, read from Orleans' membership table (the
/// management grain) every two seconds. A cluster client's call that died with a silo is never broken by Orleans (only
/// its response timeout, a day for a sweep's backtest, ten minutes for a paper close, would end it), and that is so
/// not only for calls to that silo: a client sends each grain's calls through one gateway of its choosing, so a call to
/// a live silo whose request or answer passed through the dead silo's gateway is lost too. So the sweep dispatcher and
/// a paper account submitted to the cluster give up every call in flight when a silo is declared dead
/// (<see cref="NextLoss"/>). Only a death declaration counts, never a slow answer: a silo declared dead stops (Orleans
/// makes one that is still running end itself).
/// </summary>
internal sealed class ClusterMembershipWatch : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>A poll routed through a gateway that died with its silo gets no answer; the next one goes elsewhere.</summary>
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(5);

    private readonly IGrainFactory _grains;
    private readonly IReadOnlyList<SiloAddress> _silos;
    private readonly ConcurrentDictionary<SiloAddress, SiloStatus> _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource _nextLoss = new();
    private readonly Task _polling;

    /// <summary>Starts watching <paramref name="silos"/>.</summary>
    public ClusterMembershipWatch(IGrainFactory grains, IEnumerable<SiloAddress> silos)
    {
        _grains = grains;
        _silos = [.. silos];
        _polling = PollAsync();
    }

    /// <summary>Cancelled when the next silo is declared dead, whichever it is: a call started now may pass through it.</summary>
    public CancellationToken NextLoss => Volatile.Read(ref _nextLoss).Token;

    /// <summary>The silos declared dead so far.</summary>
    public IEnumerable<SiloAddress> Lost => _lost.Keys;

    /// <summary>Whether <paramref name="silo"/> was declared dead.</summary>
    public bool IsLost(SiloAddress silo) => _lost.ContainsKey(silo);

    /// <summary>
    /// After a call to <paramref name="silo"/> failed as if the silo were lost: true once it is declared dead, false
    /// as soon as <paramref name="probe"/> (a call to it) answers again, whichever comes first.
    /// </summary>
    public async Task<bool> IsLostAsync(SiloAddress silo, Func<Task> probe, CancellationToken cancellationToken)
    {
        while (!IsLost(silo))
        {
            try
            {
                await probe().WaitAsync(PollTimeout, cancellationToken);
                return false;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
        _nextLoss.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Dictionary<SiloAddress, SiloStatus> hosts;
                try
                {
                    hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false).WaitAsync(PollTimeout, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    continue;
                }

                var newlyLost = false;
                foreach (var silo in _silos)
                {
                    if (!hosts.TryGetValue(silo, out var status) || status == SiloStatus.Dead)
                    {
                        newlyLost |= _lost.TryAdd(silo, SiloStatus.Dead);
                    }
                }

                if (newlyLost)
                {
                    var ended = Interlocked.Exchange(ref _nextLoss, new CancellationTokenSource());
                    await ended.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
