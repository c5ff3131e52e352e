using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// A paper account in a grain; see <see cref="IPaperAccountGrain"/>. Its state is the stored journal, not grain
/// storage: every open rebuilds the account from it (<see cref="PaperAccountOpener"/>, as <see cref="TradingSession.Restore"/>
/// does), and every close is stored before the step returns, so an activation on another silo continues from the last
/// close acknowledged. Two activations at once (an unstable cluster) cannot send an order twice: decisions and orders
/// are stored under keys unique per (run, market, close) and (run, order id), so the second write fails instead.
/// </summary>
internal sealed class PaperAccountGrain(PaperAccountOpener opener, IGrainFactory grains) : Grain, IPaperAccountGrain
{
    private PaperAccount? _account;

    /// <inheritdoc />
    public async Task OpenAsync(Immutable<PaperAccountOpening> opening)
    {
        _account = null;
        _account = await opener.OpenAsync(opening.Value, new GrainMarketDesks(grains, opening.Value.Account, opening.Value.OrderBooks), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task<PaperStep?> StepAsync(MarketClose close)
    {
        if (_account is not { } account)
        {
            return null;
        }

        // A step that fails leaves the account half way; the caller opens it again from the journal.
        _account = null;
        var step = await account.StepAsync(close, CancellationToken.None);
        _account = account;
        return step;
    }
}
