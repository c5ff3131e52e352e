using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Builds a paper account from the stored journal of its run, as every host does when it opens one: every stored close
/// is settled again and every stored order placed again (<see cref="TradingSession.Restore"/>), so the account is the
/// one the journal holds whichever process or silo opens it, and a journal its rebuild does not match is refused.
/// </summary>
public sealed class PaperAccountOpener(
    TradingDecisionMaker maker, TradingStore store, DatabaseMigrator migrator, IOptions<PaperBrokerOptions> broker, IAlertSink alerts, TimeProvider time)
{
    /// <summary>Opens <paramref name="opening"/>'s account to trade, its markets deciding at <paramref name="desks"/>.</summary>
    /// <exception cref="InvalidOperationException">This store holds no paper run for the account, or its journal does not match its rebuild.</exception>
    public async Task<PaperAccount> OpenAsync(PaperAccountOpening opening, IMarketDesks desks, CancellationToken cancellationToken)
    {
        var runId = PaperAccounts.RunId(opening.Account);
        await migrator.MigrateAsync(cancellationToken);
        if (await store.RunAsync(runId, cancellationToken) is not { Kind: TradingRunKinds.Paper })
        {
            // A client and silos given different databases would otherwise trade an account nobody reads.
            throw new InvalidOperationException($"account {opening.Account}: the database this process trades in holds no paper run {runId}; give every silo and the paper command the same Database:ConnectionString");
        }

        return new PaperAccount(await RebuildAsync(opening, desks, store, alerts, cancellationToken));
    }

    /// <summary>
    /// The account as its journal holds it, for reading only (the report and its baselines): nothing it would do is
    /// stored or alerted, and its markets' desks are never asked.
    /// </summary>
    public Task<TradingSession> ReadAsync(PaperAccountOpening opening, DecisionParticipants participants, CancellationToken cancellationToken) =>
        RebuildAsync(opening, new LocalMarketDesks(maker, participants, time), writeTo: null, alertTo: null, cancellationToken);

    private async Task<TradingSession> RebuildAsync(
        PaperAccountOpening opening, IMarketDesks desks, TradingStore? writeTo, IAlertSink? alertTo, CancellationToken cancellationToken)
    {
        var runId = PaperAccounts.RunId(opening.Account);
        var journal = await store.JournalAsync(runId, cancellationToken);
        var options = broker.Value with { InitialCash = opening.Capital, AllowShorts = maker.Options.AllowShorts };
        var session = new TradingSession(
            runId, opening.Markets, new PaperBroker(options, new ExchangeRuleBook(opening.Rules)), maker, desks, writeTo, time, batchSize: 1, alertTo);
        if (journal.Equity.Count > 0)
        {
            session.Begin(journal.Equity[0].Time - opening.Markets[0].Timeframe.Duration);
            session.Restore(journal);
        }

        return session;
    }
}
