using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// Paper accounts in their grains (<see cref="IPaperAccountGrain"/>), wherever the cluster activates them: the program's
/// own silo, or a cluster's silos when <c>paper --cluster</c> submits the account. A close the cluster could not finish
/// (its silo stopped or died, a second activation's write was refused) is tried again on the account opened anew from
/// its stored journal, a bounded number of times.
/// </summary>
public sealed partial class GrainPaperAccountHost(IGrainFactory grains, TimeProvider time, ILogger<GrainPaperAccountHost> logger) : IPaperAccountHost
{
    /// <summary>How often one close is tried before the run fails.</summary>
    public const int Attempts = 5;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    public Task OpenAsync(PaperAccountOpening opening, CancellationToken cancellationToken)
    {
        Log.Opening(logger, opening.Account);
        return grains.GetGrain<IPaperAccountGrain>(opening.Account).OpenAsync(opening.AsImmutable());
    }

    /// <inheritdoc />
    /// <exception cref="Exception">The close failed <see cref="Attempts"/> times; the last failure.</exception>
    public async Task<PaperStep> StepAsync(PaperAccountOpening opening, MarketClose close, CancellationToken cancellationToken)
    {
        var account = grains.GetGrain<IPaperAccountGrain>(opening.Account);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await OpenAsync(opening, cancellationToken);
                }

                if (await account.StepAsync(close) is { } step)
                {
                    return step;
                }

                // A new activation (its silo was lost between closes): built from the journal, asked again.
                await OpenAsync(opening, cancellationToken);
                return await account.StepAsync(close) ?? throw new InvalidOperationException($"account grain {opening.Account} was opened but answered as not opened");
            }
            catch (Exception e) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                Log.Retrying(logger, opening.Account, UtcTimestamp.Format(close.Time), attempt, Attempts, e.GetType().Name, e.Message);
                await Task.Delay(Pause * attempt, time, cancellationToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "opening account {Account} from its journal")]
        public static partial void Opening(ILogger logger, string account);

        [LoggerMessage(Level = LogLevel.Warning, Message = "account {Account}: the close at {Close} failed (attempt {Attempt} of {Attempts}, {Kind}: {Reason}); opening the account again from its journal")]
        public static partial void Retrying(ILogger logger, string account, string close, int attempt, int attempts, string kind, string reason);
    }
}
