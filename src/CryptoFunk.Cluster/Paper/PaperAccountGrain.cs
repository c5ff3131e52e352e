using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// A paper account in a grain; see <see cref="IPaperAccountGrain"/>. Its state is the stored journal, not grain
/// storage: every open rebuilds the account from it (<see cref="TradingSession.Restore"/>), and every close is stored
/// before the step returns, so an activation on another silo continues from the last close acknowledged. Two
/// activations at once (an unstable cluster) cannot send an order twice: decisions and orders are stored under keys
/// unique per (run, market, close) and (run, order id), so the second write fails instead.
/// </summary>
internal sealed class PaperAccountGrain(
    TradingDecisionMaker maker,
    TradingStore store,
    IOptions<PaperBrokerOptions> broker,
    IAlertSink alerts,
    TimeProvider time,
    IGrainFactory grains) : Grain, IPaperAccountGrain
{
    private TradingSession? _session;

    /// <inheritdoc />
    public async Task OpenAsync(PaperAccountOpening opening)
    {
        _session = null;
        var runId = PaperAccounts.RunId(opening.Account);
        var journal = await store.JournalAsync(runId, CancellationToken.None);
        var options = broker.Value with { InitialCash = opening.Capital, AllowShorts = maker.Options.AllowShorts };
        var session = new TradingSession(
            runId,
            opening.Markets,
            new PaperBroker(options, new ExchangeRuleBook(opening.Rules)),
            maker,
            new GrainMarketDesks(grains, opening.Account, opening.OrderBooks),
            store,
            time,
            batchSize: 1,
            alerts);
        if (journal.Equity.Count > 0)
        {
            session.Begin(journal.Equity[0].Time - opening.Markets[0].Timeframe.Duration);
            session.Restore(journal);
        }

        _session = session;
    }

    /// <inheritdoc />
    public async Task<AccountStep?> StepAsync(MarketClose close)
    {
        if (_session is not { } session)
        {
            return null;
        }

        // A step that fails leaves the session half way; the caller opens the account again from the journal.
        _session = null;
        if (session.EquityCurve.Count == 0)
        {
            session.Begin(close.Time - session.Histories[0].Timeframe.Duration);
        }

        foreach (var history in close.Extended)
        {
            session.Extend(history);
        }

        var decisions = await session.StepAsync(close.Time, close.Decide, close.Extras, CancellationToken.None);
        await session.FlushAsync(CancellationToken.None);
        _session = session;
        return new AccountStep(close.Time, decisions, session.Broker.Equity, session.Broker.Cash);
    }
}
