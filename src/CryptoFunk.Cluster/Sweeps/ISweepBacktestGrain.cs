namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// Runs sweep backtests on one silo (a stateless worker: as many at once as the silo has cores, each independent). Its
/// key names that silo (<see cref="SiloAddress.ToParsableString"/>): the first call places it there with Orleans'
/// placement hint (<see cref="SweepDispatcher"/>), and Orleans keeps sending that key's calls there.
/// </summary>
public interface ISweepBacktestGrain : IGrainWithStringKey
{
    /// <summary>Runs one backtest; a long one may take hours, so the call waits up to a day. A failure comes back as <see cref="SweepBacktestFailedException"/>.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<SweepBacktestResult> RunAsync(SweepBacktestOrder order, CancellationToken cancellationToken);

    /// <summary>How many backtests this silo runs at once.</summary>
    Task<int> WorkersAsync();
}
