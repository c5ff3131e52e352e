using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Sums the call log (and the agents' stored answers, for fallbacks to rules, hold or budget) into
/// <see cref="TelemetryReport"/>s; a database that is not there is refused, never created.
/// </summary>
/// <exception cref="JournalUnavailableException">Thrown when there is no CryptoFunk database to read.</exception>
public sealed class TelemetryQueries(IDbContextFactory<CryptoFunkDbContext> contexts, ExistingDatabase database)
{
    /// <summary>The telemetry of <paramref name="runId"/> (null: every call stored); null when there is no such run.</summary>
    public async Task<TelemetryReport?> ReportAsync(string? runId, CancellationToken cancellationToken)
    {
        await database.EnsureAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (runId is not null && !await context.TradingRuns.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return null;
        }

        var calls = await context.LlmCalls.AsNoTracking()
            .Where(c => runId == null || c.RunId == runId)
            .Select(c => new Call(c.Agent, c.Source, c.Provider, c.LatencyMs, c.InputTokens, c.OutputTokens, c.CostUsd, c.Failures))
            .ToListAsync(cancellationToken);
        var degraded = await context.AgentDecisions.AsNoTracking()
            .Where(a => (runId == null || a.RunId == runId) && a.Degraded)
            .GroupBy(a => new { a.AgentName, a.Source })
            .Select(g => new { g.Key.AgentName, g.Key.Source, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var agents = calls.Select(c => c.Agent).Concat(degraded.Select(d => d.AgentName)).Distinct().Order(StringComparer.Ordinal)
            .Select(agent =>
            {
                var own = calls.Where(c => c.Agent == agent).ToList();
                var fallbacks = new SortedDictionary<string, int>(StringComparer.Ordinal);
                var failedOver = own.Count(c => c.Provider is not null && c.Failures is not null);
                if (failedOver > 0)
                {
                    fallbacks["other_provider"] = failedOver;
                }

                foreach (var answer in degraded.Where(d => d.AgentName == agent && !ResponseSource.Parse(d.Source).IsLlm))
                {
                    fallbacks[answer.Source] = answer.Count;
                }

                return Row(agent, own, own.Count == 0 ? null : own.Count(c => c.Source == ResponseSource.Cache.Value) / (double)own.Count, Kinds(own, provider: null), fallbacks);
            })
            .ToList();

        var providers = calls.Where(c => c.Provider is not null).Select(c => c.Provider!)
            .Concat(calls.SelectMany(c => Failures(c.Failures)).Select(f => f.Provider))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(provider => Row(provider, [.. calls.Where(c => c.Provider == provider)], null, Kinds(calls, provider), new Dictionary<string, int>()))
            .ToList();
        return new TelemetryReport(runId, agents, providers);
    }

    private static TelemetryRow Row(string name, IReadOnlyList<Call> calls, double? cacheHitRate, IReadOnlyDictionary<string, int> errors, IReadOnlyDictionary<string, int> fallbacks)
    {
        var latencies = calls.Select(c => c.LatencyMs).Order().ToList();
        return new TelemetryRow(
            name,
            calls.Count,
            Percentile.NearestRank(latencies, 0.50),
            Percentile.NearestRank(latencies, 0.95),
            calls.Sum(c => c.InputTokens),
            calls.Sum(c => c.OutputTokens),
            calls.Sum(c => c.CostUsd),
            cacheHitRate,
            errors,
            fallbacks);
    }

    /// <summary>Failures by kind in <paramref name="calls"/>, of <paramref name="provider"/> only when given.</summary>
    private static SortedDictionary<string, int> Kinds(IEnumerable<Call> calls, string? provider) =>
        new(calls.SelectMany(c => Failures(c.Failures))
            .Where(f => provider is null || f.Provider == provider)
            .GroupBy(f => f.Kind)
            .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static IEnumerable<(string Provider, string Kind)> Failures(string? failures) =>
        (failures ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.LastIndexOf('=') is var eq and > 0 ? (f[..eq], f[(eq + 1)..]) : (f, "Unknown"));

    private sealed record Call(string Agent, string Source, string? Provider, double LatencyMs, long InputTokens, long OutputTokens, decimal CostUsd, string? Failures);
}
