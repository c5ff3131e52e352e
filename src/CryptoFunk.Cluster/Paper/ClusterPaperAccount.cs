using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// Drives a paper account that lives in a cluster, one close at a time, as the trading loop drives a session: a close
/// the cluster could not finish (its silo stopped or died, a second activation's write was refused) is tried again on
/// the account opened anew from its stored journal, wherever the cluster activates it, a bounded number of times.
/// </summary>
public sealed partial class ClusterPaperAccount(IGrainFactory grains, PaperAccountOpening opening, TimeProvider time, ILogger<ClusterPaperAccount> logger)
{
    /// <summary>How often one close is tried before the run fails.</summary>
    public const int Attempts = 5;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);
    private readonly IPaperAccountGrain _account = grains.GetGrain<IPaperAccountGrain>(opening.Account);
    private bool _reopen;

    /// <summary>Settles, decides and executes <paramref name="close"/> on the account; returns once it is stored.</summary>
    /// <exception cref="Exception">The close failed <see cref="Attempts"/> times; the last failure.</exception>
    public async Task<AccountStep> StepAsync(MarketClose close, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (_reopen)
                {
                    await OpenAsync(close);
                    _reopen = false;
                }

                if (await _account.StepAsync(close) is { } step)
                {
                    return step;
                }

                // A new activation (the first close, or its silo was lost between closes): built from the journal, asked again.
                await OpenAsync(close);
                return await _account.StepAsync(close) ?? throw new InvalidOperationException($"account grain {opening.Account} was opened but answered as not opened");
            }
            catch (Exception e) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                _reopen = true;
                Log.Retrying(logger, opening.Account, UtcTimestamp.Format(close.Time), attempt, Attempts, e.GetType().Name, e.Message);
                await Task.Delay(Pause * attempt, time, cancellationToken);
            }
        }
    }

    private Task OpenAsync(MarketClose close)
    {
        Log.Opening(logger, opening.Account, UtcTimestamp.Format(close.Time));
        return _account.OpenAsync(opening);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "opening account {Account} from its journal before the close at {Close}")]
        public static partial void Opening(ILogger logger, string account, string close);

        [LoggerMessage(Level = LogLevel.Warning, Message = "account {Account}: the close at {Close} failed (attempt {Attempt} of {Attempts}, {Kind}: {Reason}); opening the account again from its journal")]
        public static partial void Retrying(ILogger logger, string account, string close, int attempt, int attempts, string kind, string reason);
    }
}
