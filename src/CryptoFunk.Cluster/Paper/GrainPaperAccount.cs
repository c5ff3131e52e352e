using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// An account in its grain: a close the cluster could not finish (its silo stopped or died, a second activation's
/// write was refused, a silo was declared dead while the close was in flight) is tried again on the account opened
/// anew from its stored journal, a bounded number of times; the journal makes the try after a close that was in
/// fact stored decide only what was not decided yet.
/// </summary>
internal sealed partial class GrainPaperAccount(
    IPaperAccountGrain grain, PaperAccountOpening opening, ClusterMembershipWatch? watch, TimeProvider time, ILogger logger) : IOpenPaperAccount
{
    /// <summary>How often one close is tried before the run fails.</summary>
    private const int Attempts = 5;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>The opening with every history as long as the last close made it, so an account opened again has every candle its journal settled.</summary>
    private PaperAccountOpening _opening = opening;

    /// <summary>Opens the account in its grain from the stored journal.</summary>
    public Task OpenAsync()
    {
        Log.Opening(logger, _opening.Account);
        return WhileNoSiloIsLost(grain.OpenAsync(_opening.AsImmutable()));
    }

    /// <inheritdoc />
    /// <exception cref="Exception">The close failed <see cref="Attempts"/> times; the last failure.</exception>
    public async Task<PaperStep> StepAsync(MarketClose close, CancellationToken cancellationToken)
    {
        _opening = _opening.With(close.Extended);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await OpenAsync();
                }

                if (await WhileNoSiloIsLost(grain.StepAsync(close)) is { } step)
                {
                    return step;
                }

                // A new activation (its silo was lost between closes): built from the journal, asked again.
                await OpenAsync();
                return await WhileNoSiloIsLost(grain.StepAsync(close)) ?? throw new InvalidOperationException($"account grain {_opening.Account} was opened but answered as not opened");
            }
            catch (Exception e) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                Log.Retrying(logger, _opening.Account, UtcTimestamp.Format(close.Time), attempt, Attempts, e.GetType().Name, e.Message);
                await Task.Delay(Pause * attempt, time, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => watch?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Waits for <paramref name="call"/>, giving it up when the cluster declares a silo dead meanwhile.</summary>
    /// <exception cref="SiloUnavailableException">A silo was declared dead while the call was in flight.</exception>
    private async Task<T> WhileNoSiloIsLost<T>(Task<T> call)
    {
        await WhileNoSiloIsLost((Task)call);
        return await call;
    }

    private async Task WhileNoSiloIsLost(Task call)
    {
        if (watch is null)
        {
            await call;
            return;
        }

        try
        {
            await call.WaitAsync(watch.NextLoss);
        }
        catch (OperationCanceledException) when (watch.Lost.Any())
        {
            throw new SiloUnavailableException($"silo {string.Join(", ", watch.Lost)} was declared dead while the call was in flight");
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
