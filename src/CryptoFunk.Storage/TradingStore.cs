using CryptoFunk.Markets;
using CryptoFunk.Trading.Performance;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Storage;

/// <summary>
/// The trading journal: runs, decisions with each agent's answer, orders, fills, positions and equity, written in
/// batches (one transaction each) and read back for reports and restarts. Everything goes through EF Core so
/// SQLite and PostgreSQL share the code. The database must be migrated first (<see cref="DatabaseMigrator"/>).
/// </summary>
public sealed class TradingStore(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseOutage? outage = null)
{
    /// <summary>True while the database cannot be reached (PostgreSQL outage): a trading run waits before its next close.</summary>
    public bool IsDatabaseUnreachable => outage?.IsUnreachable ?? false;

    /// <summary>Stores a new run (normally with status <c>running</c>).</summary>
    public async Task StartRunAsync(TradingRunRecord run, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.TradingRuns.Add(run);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks a run finished with its final status, summary and the spans it could not store.</summary>
    /// <exception cref="InvalidOperationException">No run has the id.</exception>
    public async Task FinishRunAsync(string runId, string status, string? summaryJson, long spansDropped, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await context.TradingRuns
            .Where(r => r.Id == runId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.SummaryJson, summaryJson)
                    .SetProperty(r => r.SpansDropped, spansDropped)
                    .SetProperty(r => r.FinishedAt, finishedAt),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"no trading run '{runId}' to finish");
        }
    }

    /// <summary>
    /// Removes run <paramref name="runId"/> and every journal row it stored (decisions with their agents' answers,
    /// orders, fills, positions, equity, baselines) in one transaction, so the run can be stored anew under the same
    /// id. The model call log keeps its calls: they were made and paid for.
    /// </summary>
    public Task DeleteRunAsync(string runId, CancellationToken cancellationToken) => RetriableTransaction.RunAsync(
        contexts,
        async (context, token) =>
        {
            var decisions = context.TradingDecisions.Where(d => d.RunId == runId).Select(d => d.Id);
            await context.AgentDecisions.Where(a => decisions.Contains(a.TradingDecisionId)).ExecuteDeleteAsync(token);
            await context.Fills.Where(f => f.RunId == runId).ExecuteDeleteAsync(token);
            await context.Orders.Where(o => o.RunId == runId).ExecuteDeleteAsync(token);
            await context.Positions.Where(p => p.RunId == runId).ExecuteDeleteAsync(token);
            await context.EquitySnapshots.Where(e => e.RunId == runId).ExecuteDeleteAsync(token);
            await context.BaselineEquity.Where(b => b.RunId == runId).ExecuteDeleteAsync(token);
            await context.TradingDecisions.Where(d => d.RunId == runId).ExecuteDeleteAsync(token);
            await context.TradingRuns.Where(r => r.Id == runId).ExecuteDeleteAsync(token);
        },
        stored: null,
        cancellationToken);

    /// <summary>Marks <paramref name="runId"/> running again under <paramref name="owner"/> (a paper account continuing).</summary>
    /// <exception cref="InvalidOperationException">No run has the id.</exception>
    public async Task ResumeRunAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await context.TradingRuns
            .Where(r => r.Id == runId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, TradingRunStatuses.Running)
                    .SetProperty(r => r.Owner, owner)
                    .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"no trading run '{runId}' to resume");
        }
    }

    /// <summary>
    /// Marks every run still <c>running</c> whose process is gone (<see cref="RunOwner.IsGone"/>) as
    /// <c>interrupted</c>, so a killed run never stays running; returns how many were.
    /// </summary>
    public async Task<int> InterruptAbandonedRunsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await context.TradingRuns.Where(r => r.Status == TradingRunStatuses.Running && r.Owner != null).Select(r => new { r.Id, r.Owner }).ToListAsync(cancellationToken);
        var gone = running.Where(r => RunOwner.IsGone(r.Owner)).Select(r => r.Id).ToList();
        if (gone.Count == 0)
        {
            return 0;
        }

        return await context.TradingRuns
            .Where(r => gone.Contains(r.Id) && r.Status == TradingRunStatuses.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, TradingRunStatuses.Interrupted).SetProperty(r => r.Interruptions, r => r.Interruptions + 1), cancellationToken);
    }

    /// <summary>Everything <paramref name="runId"/> stored that continuing it needs, read in one pass.</summary>
    public async Task<StoredJournal> JournalAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var orders = await context.Orders.AsNoTracking().Where(o => o.RunId == runId).OrderBy(o => o.DecisionTime).ThenBy(o => o.ClientOrderId).ToListAsync(cancellationToken);
        var fills = await context.Fills.AsNoTracking().Where(f => f.RunId == runId).OrderBy(f => f.FillId).ToListAsync(cancellationToken);
        var equity = await context.EquitySnapshots.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Time).ToListAsync(cancellationToken);
        var decisions = context.TradingDecisions.AsNoTracking().Where(d => d.RunId == runId);
        var agents = context.AgentDecisions.AsNoTracking().Where(a => a.RunId == runId);
        var lastClose = equity.Count == 0 ? (DateTimeOffset?)null : equity[^1].Time;
        var decided = lastClose is { } last
            ? await decisions.Where(d => d.DecisionTime == last).Select(d => d.Symbol).ToListAsync(cancellationToken)
            : [];
        var byAction = await decisions.GroupBy(d => d.Action).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var degraded = await decisions.CountAsync(d => d.Degraded, cancellationToken);
        var bySource = await agents.GroupBy(a => a.Source).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var sums = await agents.GroupBy(_ => 1).Select(g => new
        {
            Input = g.Sum(a => a.PromptTokens),
            Output = g.Sum(a => a.ResponseTokens),
            Live = g.Sum(a => a.CallsLive),
            Cached = g.Sum(a => a.CallsCached),
            Replayed = g.Sum(a => a.CallsReplayed),
            Refused = g.Sum(a => a.CallsRefused),
        }).SingleOrDefaultAsync(cancellationToken);
        var codes = await decisions.Where(d => d.RefusalCodes != null || d.ClampLimits != null).Select(d => new { d.RefusalCodes, d.ClampLimits }).ToListAsync(cancellationToken);

        // Summed here rather than in SQL: SQLite has no decimal type to sum the cost exactly.
        var cost = (await agents.Where(a => a.CostUsd != 0m).Select(a => a.CostUsd).ToListAsync(cancellationToken)).Sum();
        var entries = await (
                from agent in agents
                join decision in decisions on agent.TradingDecisionId equals decision.Id
                where decision.OrderId != null && decision.OrderId.StartsWith("entry:") && agent.AbstainReason == null
                orderby decision.DecisionTime, decision.Symbol, agent.Id
                select new StoredEntryAnswer(agent.AgentName, agent.Symbol, agent.Timestamp, agent.Action, agent.Confidence, agent.Reasoning, decision.EntryPrice, decision.Features!, decision.OrderId!))
            .ToListAsync(cancellationToken);
        return new StoredJournal(
            orders,
            fills,
            equity,
            decided,
            new StoredDecisionCounts(
                byAction.ToDictionary(a => a.Key, a => a.Count, StringComparer.Ordinal),
                degraded,
                bySource.ToDictionary(s => s.Key, s => s.Count, StringComparer.Ordinal),
                sums?.Input ?? 0,
                sums?.Output ?? 0,
                cost,
                sums?.Live ?? 0,
                sums?.Cached ?? 0,
                sums?.Replayed ?? 0,
                sums?.Refused ?? 0,
                Count(codes.Select(c => c.RefusalCodes)),
                Count(codes.Select(c => c.ClampLimits))),
            entries);
    }

    /// <summary>How many rows name each code, from space-separated code lists.</summary>
    private static Dictionary<string, int> Count(IEnumerable<string?> codeLists) =>
        codeLists.SelectMany(list => list?.Split(' ') ?? []).GroupBy(code => code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The run with the id, or null.</summary>
    public async Task<TradingRunRecord?> RunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.TradingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>
    /// Writes a batch in one transaction: inserts (decisions with their agents, orders, new fills, positions, equity)
    /// in a single <c>SaveChanges</c>, then the set-based updates (order statuses, position closes, trade outcomes
    /// written back to the decisions and agent rows that opened each trade). A fill already stored is skipped, so
    /// saving a batch again never applies a fill twice; anything else that breaks a key rolls the whole batch back.
    /// </summary>
    /// <exception cref="DbUpdateException">A decision for the same run, symbol and time, or an order id, is already stored.</exception>
    /// <exception cref="InvalidOperationException">An order status change or a position close refers to a row that does not exist.</exception>
    public async Task SaveAsync(TradingJournalBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        // A batch is all or nothing, so when the first decision is stored the batch was, though its commit was cut off.
        var first = batch.Decisions.FirstOrDefault();
        await RetriableTransaction.RunAsync(
            contexts,
            async (context, token) =>
            {
                var decisionIds = await InsertDecisionsAsync(context, batch.Decisions, token);
                await InsertOrdersAsync(context, batch.Orders, decisionIds, token);
                await AddNewFillsAsync(context, batch.Fills, token);
                await UpsertPositionsAsync(context, batch.OpenedPositions, token);
                await BulkInsert.InsertAsync(context, typeof(EquitySnapshotRecord), batch.EquitySnapshots, replaceOnConflict: true, token);
                await context.SaveChangesAsync(token);

                foreach (var change in batch.OrderUpdates)
                {
                    await UpdateOrderAsync(context, change, token);
                }

                foreach (var closed in batch.ClosedPositions)
                {
                    await ClosePositionAsync(context, closed, token);
                }

                foreach (var outcome in batch.Outcomes)
                {
                    await WriteBackAsync(context, outcome, token);
                }
            },
            first is null ? null : token => DecisionStoredAsync(first.RunId, first.Symbol, first.DecisionTime, token),
            cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="baseline"/>'s (a <see cref="RunBaselines"/> value) equity curve for run <paramref name="runId"/> in one
    /// transaction; a mark stored again is replaced, so a continued paper account stores its whole curve anew.
    /// </summary>
    public async Task SaveBaselineAsync(string runId, string baseline, IReadOnlyList<EquityPoint> curve, CancellationToken cancellationToken)
    {
        var rows = curve.Select(point => new BaselineEquityRecord { RunId = runId, Baseline = baseline, Time = point.Time, Equity = point.Equity }).ToList();
        await RetriableTransaction.RunAsync(
            contexts, (context, token) => BulkInsert.InsertAsync(context, typeof(BaselineEquityRecord), rows, replaceOnConflict: true, token), stored: null, cancellationToken);
    }

    /// <summary>True when the run already decided on the symbol at the time, so a resumed run skips it.</summary>
    public Task<bool> HasDecisionAsync(string runId, MarketSymbol symbol, DateTimeOffset time, CancellationToken cancellationToken) =>
        DecisionStoredAsync(runId, symbol.ToString(), time, cancellationToken);

    /// <summary>The run's decisions with their agents' rows, in decision-time order.</summary>
    public async Task<IReadOnlyList<TradingDecisionRecord>> DecisionsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.TradingDecisions.AsNoTracking()
            .Where(d => d.RunId == runId)
            .Include(d => d.Agents.OrderBy(a => a.Id))
            .OrderBy(d => d.DecisionTime).ThenBy(d => d.Symbol)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The run's orders in decision-time order.</summary>
    public async Task<IReadOnlyList<OrderRecord>> OrdersAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Orders.AsNoTracking()
            .Where(o => o.RunId == runId)
            .OrderBy(o => o.DecisionTime).ThenBy(o => o.ClientOrderId)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The run's fills in the order the broker made them.</summary>
    public async Task<IReadOnlyList<FillRecord>> FillsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Fills.AsNoTracking().Where(f => f.RunId == runId).OrderBy(f => f.FillId).ToListAsync(cancellationToken);
    }

    /// <summary>The run's positions, open and closed, in opening order.</summary>
    public async Task<IReadOnlyList<PositionRecord>> PositionsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Positions.AsNoTracking()
            .Where(p => p.RunId == runId)
            .OrderBy(p => p.OpenedAt).ThenBy(p => p.Symbol)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The run's equity curve in time order.</summary>
    public async Task<IReadOnlyList<EquitySnapshotRecord>> EquityAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.EquitySnapshots.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Time).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the decisions, each returning its generated id, then their agents' rows; returns the id of each decision that placed an order, by (run, order id).
    /// </summary>
    private static async Task<Dictionary<(string RunId, string OrderId), long>> InsertDecisionsAsync(
        CryptoFunkDbContext context,
        List<TradingDecisionRecord> decisions,
        CancellationToken cancellationToken)
    {
        var placedBy = new Dictionary<(string RunId, string OrderId), long>();
        if (decisions.Count == 0)
        {
            return placedBy;
        }

        var ids = await BulkInsert.InsertReturningKeysAsync(context, typeof(TradingDecisionRecord), decisions, cancellationToken);
        var agents = new List<object>(decisions.Count * 5);
        for (var i = 0; i < decisions.Count; i++)
        {
            var decision = decisions[i];
            decision.Id = ids[i];
            if (decision.OrderId is not null)
            {
                placedBy.TryAdd((decision.RunId, decision.OrderId), decision.Id);
            }

            foreach (var agent in decision.Agents)
            {
                agent.TradingDecisionId = decision.Id;
                agent.RunId = decision.RunId;
                agent.Symbol = decision.Symbol;
                agent.Timestamp = decision.DecisionTime;
                agents.Add(agent);
            }
        }

        await BulkInsert.InsertAsync(context, typeof(AgentDecisionRecord), agents, replaceOnConflict: false, cancellationToken);
        return placedBy;
    }

    /// <summary>Inserts the orders, linked to the decision of this batch that placed them; an order id stored before fails.</summary>
    private static async Task InsertOrdersAsync(CryptoFunkDbContext context, List<OrderRecord> orders, Dictionary<(string RunId, string OrderId), long> placedBy, CancellationToken cancellationToken)
    {
        foreach (var order in orders)
        {
            // Set again on every attempt: an attempt cut off by an outage gave it an id that was rolled back.
            if (placedBy.TryGetValue((order.RunId, order.ClientOrderId), out var decisionId))
            {
                order.TradingDecisionId = decisionId;
            }
        }

        await BulkInsert.InsertAsync(context, typeof(OrderRecord), orders, replaceOnConflict: false, cancellationToken);
    }

    private static async Task AddNewFillsAsync(CryptoFunkDbContext context, List<FillRecord> fills, CancellationToken cancellationToken)
    {
        foreach (var run in fills.GroupBy(f => f.RunId))
        {
            var first = run.Min(f => f.FillId);
            var last = run.Max(f => f.FillId);
            var stored = await context.Fills
                .Where(f => f.RunId == run.Key && f.FillId >= first && f.FillId <= last)
                .Select(f => f.FillId)
                .ToListAsync(cancellationToken);
            var seen = stored.ToHashSet();
            context.Fills.AddRange(run.Where(fill => seen.Add(fill.FillId)));
        }
    }

    private static async Task UpsertPositionsAsync(CryptoFunkDbContext context, List<PositionRecord> positions, CancellationToken cancellationToken)
    {
        foreach (var group in positions.GroupBy(p => (p.RunId, p.Symbol)))
        {
            var first = group.Min(p => p.OpenedAt);
            var last = group.Max(p => p.OpenedAt);
            var stored = await context.Positions
                .Where(p => p.RunId == group.Key.RunId && p.Symbol == group.Key.Symbol && p.OpenedAt >= first && p.OpenedAt <= last)
                .ToDictionaryAsync(p => p.OpenedAt, cancellationToken);
            foreach (var position in group)
            {
                if (stored.TryGetValue(position.OpenedAt, out var existing))
                {
                    existing.Side = position.Side;
                    existing.Quantity = position.Quantity;
                    existing.EntryPrice = position.EntryPrice;
                    existing.StopLoss = position.StopLoss;
                    existing.TakeProfit = position.TakeProfit;
                    existing.OpeningOrderIdsJson = position.OpeningOrderIdsJson;
                }
                else
                {
                    context.Positions.Add(position);
                    stored[position.OpenedAt] = position;
                }
            }
        }
    }

    private static async Task UpdateOrderAsync(CryptoFunkDbContext context, OrderStatusChange change, CancellationToken cancellationToken)
    {
        var updated = await context.Orders
            .Where(o => o.RunId == change.RunId && o.ClientOrderId == change.ClientOrderId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(o => o.Status, change.Status)
                    .SetProperty(o => o.StatusReason, change.Reason)
                    .SetProperty(o => o.UpdatedAt, change.UpdatedAt),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"order '{change.ClientOrderId}' of run '{change.RunId}' is not stored; its status change to '{change.Status}' cannot be applied");
        }
    }

    private static async Task ClosePositionAsync(CryptoFunkDbContext context, ClosedPosition closed, CancellationToken cancellationToken)
    {
        var updated = await context.Positions
            .Where(p => p.RunId == closed.RunId && p.Symbol == closed.Symbol && p.OpenedAt == closed.OpenedAt)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => p.ClosedAt, closed.ClosedAt)
                    .SetProperty(p => p.ExitPrice, closed.ExitPrice)
                    .SetProperty(p => p.Pnl, closed.Pnl)
                    .SetProperty(p => p.PnlPercent, closed.PnlPercent)
                    .SetProperty(p => p.ExitReason, closed.ExitReason)
                    .SetProperty(p => p.ExitOrderId, closed.ExitOrderId),
                cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"no {closed.Symbol} position of run '{closed.RunId}' opened at {closed.OpenedAt:O} is stored; it cannot be closed");
        }
    }

    /// <summary>
    /// Marks every decision that placed one of the trade's opening orders, and all its agents' rows, executed with
    /// the trade's result. A later outcome for the same orders (a second partial close) replaces an earlier one.
    /// </summary>
    private static async Task WriteBackAsync(CryptoFunkDbContext context, TradeOutcome outcome, CancellationToken cancellationToken)
    {
        var holdSeconds = (long)outcome.HoldTime.TotalSeconds;
        var placed = PlacedBy(context, outcome.RunId, outcome.OpeningOrderIds.ToList());

        // The ids first, so the agents' rows are found through their index instead of a correlated scan of every run.
        var decisionIds = await placed.Select(d => d.Id).ToListAsync(cancellationToken);
        await context.AgentDecisions
            .Where(a => decisionIds.Contains(a.TradingDecisionId))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.Executed, true)
                    .SetProperty(a => a.ExecutedAt, outcome.EntryTime)
                    .SetProperty(a => a.EntryPrice, outcome.EntryPrice)
                    .SetProperty(a => a.ExitPrice, outcome.ExitPrice)
                    .SetProperty(a => a.Pnl, outcome.Pnl)
                    .SetProperty(a => a.PnlPercent, outcome.PnlPercent)
                    .SetProperty(a => a.HoldTimeSeconds, holdSeconds)
                    .SetProperty(a => a.OutcomeKnownAt, outcome.KnownAt),
                cancellationToken);

        await placed.ExecuteUpdateAsync(
            set => set
                .SetProperty(d => d.Executed, true)
                .SetProperty(d => d.ExecutedAt, outcome.EntryTime)
                .SetProperty(d => d.EntryPrice, outcome.EntryPrice)
                .SetProperty(d => d.ExitPrice, outcome.ExitPrice)
                .SetProperty(d => d.Pnl, outcome.Pnl)
                .SetProperty(d => d.PnlPercent, outcome.PnlPercent)
                .SetProperty(d => d.HoldTimeSeconds, holdSeconds)
                .SetProperty(d => d.OutcomeKnownAt, outcome.KnownAt),
            cancellationToken);
    }

    /// <summary>The run's decisions that placed one of <paramref name="orderIds"/>, found through the index on run and order id.</summary>
    internal static IQueryable<TradingDecisionRecord> PlacedBy(CryptoFunkDbContext context, string runId, List<string> orderIds) =>
        context.TradingDecisions.Where(d => d.RunId == runId && d.OrderId != null && orderIds.Contains(d.OrderId));

    private async Task<bool> DecisionStoredAsync(string runId, string symbol, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.TradingDecisions.AnyAsync(d => d.RunId == runId && d.Symbol == symbol && d.DecisionTime == time, cancellationToken);
    }
}
