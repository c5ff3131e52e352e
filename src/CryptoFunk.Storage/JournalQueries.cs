using System.Text.Json;
using CryptoFunk.Markets;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Storage;

/// <summary>
/// Reads the trading journal back for people (the <c>runs</c>, <c>decisions</c>, <c>trades</c> and <c>explain</c>
/// commands). Every query first checks that the database exists (<see cref="ExistingDatabase"/>), so reading never
/// creates one.
/// </summary>
public sealed class JournalQueries(IDbContextFactory<CryptoFunkDbContext> contexts, ExistingDatabase database)
{
    /// <summary>Every run, oldest first, with its counts of decisions and closed trades.</summary>
    public async Task<IReadOnlyList<RunListing>> RunsAsync(CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        var runs = await context.TradingRuns.AsNoTracking().OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var decisions = await context.TradingDecisions.GroupBy(d => d.RunId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var trades = await context.Positions.Where(p => p.ClosedAt != null).GroupBy(p => p.RunId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. runs.Select(r => new RunListing(r, decisions.GetValueOrDefault(r.Id), trades.GetValueOrDefault(r.Id)))];
    }

    /// <summary>The decisions <paramref name="query"/> selects, with their agents' rows, oldest first.</summary>
    public async Task<IReadOnlyList<TradingDecisionRecord>> DecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        var decisions = context.TradingDecisions.AsNoTracking();
        if (query.RunId is { } runId)
        {
            decisions = decisions.Where(d => d.RunId == runId);
        }

        if (query.Symbol is { } symbol)
        {
            decisions = decisions.Where(d => d.Symbol == symbol);
        }

        if (query.Action is { } action)
        {
            decisions = decisions.Where(d => d.Action == action);
        }

        if (query.Agent is { } agent)
        {
            decisions = decisions.Where(d => d.Agents.Any(a => a.AgentName == agent));
        }

        var newestFirst = decisions.OrderByDescending(d => d.DecisionTime).ThenByDescending(d => d.Id);
        var selected = query.Last is { } last ? newestFirst.Take(last) : newestFirst;
        var rows = await selected.Include(d => d.Agents.OrderBy(a => a.Id)).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows;
    }

    /// <summary>Trades (positions) of one run or of all, in opening order, each with the decision that opened it.</summary>
    public async Task<IReadOnlyList<TradeListing>> TradesAsync(string? runId, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        var positions = await context.Positions.AsNoTracking()
            .Where(p => runId == null || p.RunId == runId)
            .OrderBy(p => p.OpenedAt).ThenBy(p => p.RunId).ThenBy(p => p.Symbol)
            .ToListAsync(cancellationToken);
        var placers = await context.TradingDecisions.AsNoTracking()
            .Where(d => d.OrderId != null && (runId == null || d.RunId == runId))
            .Select(d => new { d.RunId, d.OrderId, d.Id })
            .ToListAsync(cancellationToken);
        var byOrder = placers.ToDictionary(d => (d.RunId, d.OrderId!), d => d.Id);
        return [.. positions.Select(p => new TradeListing(
            p,
            OpeningOrders(p).Select(id => byOrder.TryGetValue((p.RunId, id), out var decisionId) ? decisionId : (long?)null).FirstOrDefault(id => id is not null)))];
    }

    /// <summary>
    /// Every decision of run <paramref name="runId"/> with its agents, labelled for training (see
    /// <see cref="DecisionDataset.From"/>); null when there is no such run.
    /// </summary>
    public async Task<DecisionDataset?> DatasetAsync(string runId, int horizonBars, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        if (await FindRunAsync(context, runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var decisions = await context.TradingDecisions.AsNoTracking()
            .Where(d => d.RunId == runId)
            .OrderBy(d => d.DecisionTime).ThenBy(d => d.Id)
            .Include(d => d.Agents.OrderBy(a => a.Id))
            .ToListAsync(cancellationToken);
        return DecisionDataset.From(run, decisions, horizonBars);
    }

    /// <summary>Paper account run <paramref name="runId"/> as its last stored close left it; null when there is no such run.</summary>
    public async Task<StoredAccount?> AccountAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        if (await FindRunAsync(context, runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var equity = await context.EquitySnapshots.AsNoTracking().Where(e => e.RunId == runId).OrderByDescending(e => e.Time).FirstOrDefaultAsync(cancellationToken);
        var positions = await context.Positions.AsNoTracking().Where(p => p.RunId == runId && p.ClosedAt == null).OrderBy(p => p.Symbol).ToListAsync(cancellationToken);
        var orders = await context.Orders.AsNoTracking()
            .Where(o => o.RunId == runId && (o.Status == OrderStatuses.Intent || o.Status == OrderStatuses.Accepted))
            .OrderBy(o => o.DecisionTime)
            .ToListAsync(cancellationToken);
        var candles = new Dictionary<MarketSymbol, Candle>();
        foreach (var symbol in run.Symbol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var latest = await context.TradingDecisions.AsNoTracking()
                .Where(d => d.RunId == runId && d.Symbol == symbol)
                .OrderByDescending(d => d.DecisionTime)
                .Select(d => d.MarketDataJson)
                .FirstOrDefaultAsync(cancellationToken);
            if (StoredCandle.From(latest) is { } candle)
            {
                candles[MarketSymbol.Parse(symbol)] = candle;
            }
        }

        return new StoredAccount(runId, run.InitialCapital, equity, positions, orders, candles);
    }

    /// <summary>How many decisions, of any run, were stored (wall clock) at or after <paramref name="since"/>.</summary>
    public async Task<int> DecisionsStoredSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        return await context.TradingDecisions.CountAsync(d => d.CreatedAt >= since, cancellationToken);
    }

    /// <summary>Everything stored about the decision with the id, or null when there is none.</summary>
    public async Task<DecisionExplanation?> ExplainAsync(long decisionId, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        var decision = await context.TradingDecisions.AsNoTracking()
            .Include(d => d.Agents.OrderBy(a => a.Id))
            .SingleOrDefaultAsync(d => d.Id == decisionId, cancellationToken);
        if (decision is null)
        {
            return null;
        }

        var run = await context.TradingRuns.AsNoTracking().SingleAsync(r => r.Id == decision.RunId, cancellationToken);
        if (decision.OrderId is not { } orderId)
        {
            return new DecisionExplanation(decision, run, [], [], null);
        }

        var orders = await context.Orders.AsNoTracking().Where(o => o.RunId == decision.RunId && o.ClientOrderId == orderId).ToListAsync(cancellationToken);
        var fills = await context.Fills.AsNoTracking().Where(f => f.RunId == decision.RunId && f.OrderId == orderId).OrderBy(f => f.FillId).ToListAsync(cancellationToken);
        var candidates = await context.Positions.AsNoTracking()
            .Where(p => p.RunId == decision.RunId && p.Symbol == decision.Symbol && p.OpenedAt >= decision.DecisionTime)
            .OrderBy(p => p.OpenedAt)
            .ToListAsync(cancellationToken);
        return new DecisionExplanation(decision, run, orders, fills, candidates.FirstOrDefault(p => OpeningOrders(p).Contains(orderId)));
    }

    /// <summary>Everything the report of <paramref name="runId"/> is drawn from, or null when there is no such run.</summary>
    public async Task<RunReportRows?> RunReportAsync(string runId, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        if (await FindRunAsync(context, runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var decisions = await context.TradingDecisions.AsNoTracking()
            .Where(d => d.RunId == runId)
            .OrderBy(d => d.DecisionTime).ThenBy(d => d.Symbol)
            .Select(d => new { d.Symbol, d.DecisionTime, d.Action, d.RefusalCodes, d.MarketDataJson })
            .ToListAsync(cancellationToken);
        var agents = await context.AgentDecisions.AsNoTracking()
            .Where(a => a.RunId == runId)
            .OrderBy(a => a.TradingDecisionId).ThenBy(a => a.Id)
            .Select(a => new ReportAgentRow(
                a.AgentName, a.AgentType, a.Symbol, a.Timestamp, a.Action, a.Confidence, a.Source, a.LlmModel, a.Degraded, a.AbstainReason != null,
                a.PromptTokens, a.ResponseTokens, a.LatencyMs, a.CostUsd, a.CallsLive, a.CallsCached, a.CallsReplayed, a.CallsRefused))
            .ToListAsync(cancellationToken);
        var positions = await context.Positions.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.OpenedAt).ThenBy(p => p.Symbol).ToListAsync(cancellationToken);
        var fills = await context.Fills.AsNoTracking().Where(f => f.RunId == runId).OrderBy(f => f.FillId).ToListAsync(cancellationToken);
        var equity = await context.EquitySnapshots.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Time).ToListAsync(cancellationToken);
        var baselines = await context.BaselineEquity.AsNoTracking().Where(b => b.RunId == runId).OrderBy(b => b.Baseline).ThenBy(b => b.Time).ToListAsync(cancellationToken);
        return new RunReportRows(
            run,
            [.. decisions.Select(d => new ReportDecisionRow(d.Symbol, d.DecisionTime, d.Action, d.RefusalCodes, Close(d.MarketDataJson)))],
            agents,
            positions,
            fills,
            equity,
            baselines.GroupBy(b => b.Baseline).ToDictionary(g => g.Key, g => (IReadOnlyList<BaselineEquityRecord>)[.. g], StringComparer.Ordinal));
    }

    /// <summary>The <c>close</c> of a decision's stored candle.</summary>
    private static decimal? Close(string? marketDataJson)
    {
        if (marketDataJson is null)
        {
            return null;
        }

        using var candle = JsonDocument.Parse(marketDataJson);
        return candle.RootElement.TryGetProperty("close", out var close) && close.ValueKind == JsonValueKind.Number ? close.GetDecimal() : null;
    }

    private static string[] OpeningOrders(PositionRecord position) =>
        JsonSerializer.Deserialize<string[]>(position.OpeningOrderIdsJson) ?? [];

    /// <summary>A context on the journal, once it is known to be there (it is never created).</summary>
    private async Task<CryptoFunkDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        await database.EnsureAsync(cancellationToken);
        return await contexts.CreateDbContextAsync(cancellationToken);
    }

    private static Task<TradingRunRecord?> FindRunAsync(CryptoFunkDbContext context, string runId, CancellationToken cancellationToken) =>
        context.TradingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
}
