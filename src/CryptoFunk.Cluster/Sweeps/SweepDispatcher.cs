using System.Threading.Channels;
using CryptoFunk.Cluster.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// Spreads a sweep's backtests over the cluster's active silos: each silo gets as many workers as it has cores
/// (<see cref="ISweepBacktestGrain.WorkersAsync"/>), and every worker takes the next backtest from one shared queue, so
/// faster silos take more. Each silo's worker grain has a key of its own, placed on it with Orleans' placement hint,
/// which stateless workers honour. A backtest lost with a silo (<see cref="SiloLoss"/>, or in flight when the cluster
/// declared a silo dead, <see cref="ClusterMembershipWatch"/>) goes back to the queue, up to <see cref="MaxAttempts"/>
/// tries, and replaces what the lost try stored; a backtest that failed for a reason of its own is reported once and
/// the others go on.
/// </summary>
public sealed class SweepDispatcher(IGrainFactory grains)
{
    /// <summary>How many times a backtest is tried when silos are lost under it.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Runs every order; outcomes in the orders' order.</summary>
    public async Task<IReadOnlyList<SweepOutcome>> RunAsync(IReadOnlyList<SweepBacktestOrder> orders, IProgress<SweepProgress> progress, CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken);
        var silos = hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        await using var watch = new ClusterMembershipWatch(grains, silos);
        var queue = Channel.CreateUnbounded<SweepBacktestOrder>();
        foreach (var order in orders)
        {
            queue.Writer.TryWrite(order);
        }

        var outcomes = new SweepOutcome?[orders.Count];
        var index = orders.Select((order, i) => (order.RunId, i)).ToDictionary(o => o.RunId, o => o.i, StringComparer.Ordinal);
        var done = 0;

        void End(SweepOutcome outcome)
        {
            outcomes[index[outcome.Order.RunId]] = outcome;
            var now = Interlocked.Increment(ref done);
            progress.Report(new SweepProgress(now, orders.Count, outcome));
            if (now == orders.Count)
            {
                queue.Writer.TryComplete();
            }
        }

        async Task WorkAsync(SiloAddress silo)
        {
            await foreach (var order in queue.Reader.ReadAllAsync(cancellationToken))
            {
                var loss = watch.NextLoss;
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, loss);
                try
                {
                    End(new SweepOutcome(order, await OnSilo(silo, grain => grain.RunAsync(order, call.Token)), null));
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && (loss.IsCancellationRequested || SiloLoss.Caused(e)))
                {
                    var why = watch.IsLost(silo) ? $"lost with silo {silo}"
                        : loss.IsCancellationRequested ? $"stopped on {silo} when silo {string.Join(", ", watch.Lost)} was lost (its call may have passed through it)"
                        : $"lost with a silo ({Describe(e)})";
                    var lost = new SweepOutcome(order, null, why);
                    if (order.Attempt < MaxAttempts)
                    {
                        progress.Report(new SweepProgress(Volatile.Read(ref done), orders.Count, lost, TriedAgain: true));
                        queue.Writer.TryWrite(order with { Attempt = order.Attempt + 1 });
                    }
                    else
                    {
                        End(lost with { Error = $"{lost.Error}, the last of {MaxAttempts} tries" });
                    }

                    if (await watch.IsLostAsync(silo, () => OnSilo(silo, grain => grain.WorkersAsync()), cancellationToken))
                    {
                        return;
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    End(new SweepOutcome(order, null, Describe(e)));
                }
            }
        }

        var workers = await Task.WhenAll(silos.Select(silo => OnSilo(silo, grain => grain.WorkersAsync())));
        await Task.WhenAll(silos.SelectMany((silo, i) => Enumerable.Range(0, workers[i]).Select(_ => WorkAsync(silo))));
        return [.. orders.Select((order, i) => outcomes[i] ?? new SweepOutcome(order, null, "not run: every silo was lost"))];
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";

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
