using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// Keeps answers in the database (SQLite or PostgreSQL) behind an in-memory front, so a hit found once is served
/// from memory afterwards and a replayed backtest does not query the database per call.
/// </summary>
public sealed class DatabaseLlmCacheStore(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator) : ILlmCacheStore
{
    // Features are NaN while an indicator is still warming up; they must round-trip, not fail the write.
    private static readonly JsonSerializerOptions FeatureJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly InMemoryLlmCacheStore _front = new();

    /// <inheritdoc />
    public async ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await _front.GetAsync(key, cancellationToken) is { } hit)
        {
            return hit;
        }

        await migrator.MigrateAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await context.LlmCache.AsNoTracking().SingleOrDefaultAsync(e => e.Key == key, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var answer = ToAnswer(entry);
        await _front.PutAsync(answer, cancellationToken);
        return answer;
    }

    /// <inheritdoc />
    public async Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await context.LlmCache.SingleOrDefaultAsync(e => e.Key == answer.Key, cancellationToken);
        var entry = ToEntry(answer);
        if (existing is null)
        {
            context.LlmCache.Add(entry);
        }
        else
        {
            context.Entry(existing).CurrentValues.SetValues(entry);
        }

        await context.SaveChangesAsync(cancellationToken);
        await _front.PutAsync(answer, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.LlmCache.AsNoTracking()
            .Where(e => e.Agent == agent && e.Symbol == context.Symbol && e.Timeframe == context.Timeframe
                && e.PositionState == context.PositionState && e.DecisionTime < context.DecisionTime && e.ResponseJson != null)
            .ToListAsync(cancellationToken);
        return InMemoryLlmCacheStore.MostSimilar(candidates.Select(ToAnswer), context, threshold);
    }

    private static LlmCacheEntry ToEntry(StoredAnswer answer) => new()
    {
        Key = answer.Key,
        Agent = answer.Agent,
        PromptVersion = answer.PromptVersion,
        Model = answer.Model,
        Symbol = answer.Context?.Symbol,
        Timeframe = answer.Context?.Timeframe,
        PositionState = answer.Context?.PositionState,
        DecisionTime = answer.Context?.DecisionTime,
        FeaturesJson = answer.Context is null ? null : JsonSerializer.Serialize(answer.Context.Features, FeatureJson),
        ResponseJson = answer.Response is null ? null : JsonSerializer.Serialize(answer.Response, AIJsonUtilities.DefaultOptions),
        Error = answer.Error,
        InputTokens = answer.Response?.Usage?.InputTokenCount ?? 0,
        OutputTokens = answer.Response?.Usage?.OutputTokenCount ?? 0,
        CostUsd = answer.CostUsd,
        CreatedAt = answer.CreatedAt,
    };

    private static StoredAnswer ToAnswer(LlmCacheEntry entry) => new()
    {
        Key = entry.Key,
        Agent = entry.Agent,
        PromptVersion = entry.PromptVersion,
        Model = entry.Model,
        Response = entry.ResponseJson is null ? null : JsonSerializer.Deserialize<ChatResponse>(entry.ResponseJson, AIJsonUtilities.DefaultOptions),
        Error = entry.Error,
        Context = entry.Symbol is null || entry.Timeframe is null || entry.PositionState is null || entry.DecisionTime is null
            ? null
            : new CacheContext(entry.Symbol, entry.Timeframe, entry.PositionState, entry.DecisionTime.Value, JsonSerializer.Deserialize<double[]>(entry.FeaturesJson ?? "[]", FeatureJson) ?? []),
        CostUsd = entry.CostUsd,
        CreatedAt = entry.CreatedAt,
    };
}
