using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// Spreads a sweep's backtests over the cluster's active silos: each silo gets as many workers as it has cores
/// (<see cref="ISweepBacktestGrain.WorkersAsync"/>), and every worker takes the next backtest from one shared queue, so
/// faster silos take more. Each silo's worker grain has a key of its own, placed on it with Orleans' placement hint,
/// which stateless workers honour. A failed backtest is reported and the others go on.
/// </summary>
public sealed class SweepDispatcher(IGrainFactory grains)
{
    /// <summary>Runs every order; outcomes in the orders' order.</summary>
    public async Task<IReadOnlyList<SweepOutcome>> RunAsync(IReadOnlyList<SweepBacktestOrder> orders, IProgress<SweepProgress> progress, CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, orders.Count));
        var outcomes = new SweepOutcome[orders.Count];
        var done = 0;

        async Task WorkAsync(SiloAddress silo)
        {
            while (queue.TryDequeue(out var index))
            {
                var order = orders[index];
                SweepOutcome outcome;
                try
                {
                    outcome = new SweepOutcome(order, await OnSilo(silo, grain => grain.RunAsync(order, cancellationToken)), null);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    outcome = new SweepOutcome(order, null, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }

                outcomes[index] = outcome;
                progress.Report(new SweepProgress(Interlocked.Increment(ref done), orders.Count, outcome));
            }
        }

        var silos = hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        var workers = await Task.WhenAll(silos.Select(silo => OnSilo(silo, grain => grain.WorkersAsync())));
        await Task.WhenAll(silos.SelectMany((silo, i) => Enumerable.Range(0, workers[i]).Select(_ => WorkAsync(silo))));
        return outcomes;
    }

    /// <summary>Calls <paramref name="silo"/>'s sweep worker; the hint travels in the request context of this call only.</summary>
    private async Task<T> OnSilo<T>(SiloAddress silo, Func<ISweepBacktestGrain, Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await call(grains.GetGrain<ISweepBacktestGrain>(silo.ToParsableString()));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
