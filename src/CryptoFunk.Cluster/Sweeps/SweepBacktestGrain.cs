using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Cluster.RateLimits;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// Runs one sweep backtest with the combination's own services (<see cref="SweepServices"/>) over this silo's
/// configuration, the providers' rate limits kept by the cluster, and says which silo ran it. A later try of a
/// backtest (<see cref="SweepBacktestOrder.Attempt"/>) first removes the run an earlier try stored before its silo
/// was lost, so the run holds one try's rows, as if run once.
/// </summary>
[StatelessWorker]
internal sealed class SweepBacktestGrain(IConfiguration configuration, ILoggerFactory loggers, IGrainFactory grains, ILocalSiloDetails silo)
    : Grain, ISweepBacktestGrain
{
    /// <inheritdoc />
    public async Task<SweepBacktestResult> RunAsync(SweepBacktestOrder order, CancellationToken cancellationToken)
    {
        var combination = SweepServices.Configuration(configuration, order.Configuration);
        await using var services = SweepServices.Create(combination, loggers, s => s.AddSingleton<IProviderRateLimiter>(new ClusterProviderRateLimiter(grains)));
        try
        {
            if (order.Attempt > 1)
            {
                await services.GetRequiredService<TradingStore>().DeleteRunAsync(order.RunId, cancellationToken);
            }

            var report = await services.GetRequiredService<BacktestRunner>().RunAsync(order.ToRequest(), progress: null, cancellationToken);
            return SweepBacktestResult.From(report, silo.SiloAddress.Endpoint.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SweepBacktestFailedException(e is BacktestFailedException ? e.Message : $"backtest {order.RunId} failed at {e.GetType().Name}: {e.Message}")
            {
                SiloLost = SiloLoss.Caused(e),
            };
        }
    }

    /// <inheritdoc />
    public Task<int> WorkersAsync() => Task.FromResult(Environment.ProcessorCount);
}
