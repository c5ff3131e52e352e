using System.Text.Json;
using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>Reads stored spans back as traces for inspection; a database that is not there is refused, never created.</summary>
/// <exception cref="JournalUnavailableException">Thrown by every query when there is no CryptoFunk database to read.</exception>
public sealed class TraceQueries(IDbContextFactory<CryptoFunkDbContext> contexts, ExistingDatabase database)
{
    /// <summary>The most recent traces passing <paramref name="filter"/>, newest first, each summarized by its root span.</summary>
    public async Task<IReadOnlyList<TraceSummary>> RecentAsync(int limit, TraceFilter filter, CancellationToken cancellationToken)
    {
        await database.EnsureAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Spans.AsNoTracking().Where(s => s.ParentSpanId == null);
        if (filter.RunId is { } run)
        {
            // Attributes are stored as serialized; the run's tag is matched in the same form.
            var tag = $"\"{GenAiAttributes.RunId}\":{JsonSerializer.Serialize(run)}";
            query = query.Where(s => s.AttributesJson.Contains(tag));
        }

        query = query.OrderByDescending(s => s.StartTime).ThenByDescending(s => s.Id);
        var roots = filter.From is null && filter.To is null
            ? await query.Take(limit).ToListAsync(cancellationToken)
            : [.. (await query.ToListAsync(cancellationToken)).Where(r => InWindow(r, filter)).Take(limit)];
        var traceIds = roots.Select(r => r.TraceId).ToList();
        var counts = await context.Spans.AsNoTracking()
            .Where(s => traceIds.Contains(s.TraceId))
            .GroupBy(s => s.TraceId)
            .Select(g => new { TraceId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TraceId, g => g.Count, cancellationToken);
        return roots.Select(r => new TraceSummary(r.TraceId, r, counts.GetValueOrDefault(r.TraceId))).ToList();
    }

    /// <summary>True when <paramref name="root"/> is a decision whose time is in the filter's window.</summary>
    private static bool InWindow(SpanRecord root, TraceFilter filter) =>
        TraceSummary.Attributes(root).GetValueOrDefault(GenAiAttributes.DecisionTime) is { } text
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
        && (filter.From is not { } from || time >= from)
        && (filter.To is not { } to || time < to);

    /// <summary>Among the <paramref name="limit"/> most recent runs, those that dropped spans (so their traces are incomplete), newest first.</summary>
    public async Task<IReadOnlyList<TradingRunRecord>> RunsWithDroppedSpansAsync(int limit, CancellationToken cancellationToken)
    {
        await database.EnsureAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var recent = await context.TradingRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return recent.Where(r => r.SpansDropped > 0).ToList();
    }

    /// <summary>Every span of one trace (an id prefix is enough when it is unique), in start order.</summary>
    public async Task<IReadOnlyList<SpanRecord>> TraceAsync(string traceIdOrPrefix, CancellationToken cancellationToken)
    {
        await database.EnsureAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await context.Spans.AsNoTracking()
            .Where(s => s.TraceId.StartsWith(traceIdOrPrefix))
            .Select(s => s.TraceId).Distinct().OrderBy(id => id).Take(2)
            .ToListAsync(cancellationToken);
        if (ids.Count != 1)
        {
            return [];
        }

        return await context.Spans.AsNoTracking()
            .Where(s => s.TraceId == ids[0])
            .OrderBy(s => s.StartTime).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
    }
}
