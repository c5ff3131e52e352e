using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// Keeps answers in the database (SQLite or PostgreSQL) behind an in-memory front: lookups are served from memory
/// once found (or once all answers were preloaded, as replay does), and writes are queued and stored in batches in the
/// background, so neither a replayed nor a recorded call waits for the database.
/// </summary>
public sealed class DatabaseLlmCacheStore : ILlmCacheStore, IAsyncDisposable
{
    private readonly IDbContextFactory<CryptoFunkDbContext> _contexts;
    private readonly DatabaseMigrator _migrator;
    private readonly InMemoryLlmCacheStore _front = new();
    private readonly BatchingWriter<StoredAnswer> _writer;
    private readonly Lazy<Task<IReadOnlyDictionary<string, LlmCacheEntry>>> _preloaded;

    /// <summary>Creates the store; nothing is read until the first lookup.</summary>
    public DatabaseLlmCacheStore(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, BatchInserter inserter)
    {
        _contexts = contexts;
        _migrator = migrator;
        _writer = new BatchingWriter<StoredAnswer>(
            capacity: 100_000,
            answers => inserter.TryInsertAsync([.. answers.Select(LlmCacheEntries.ToEntry)], CancellationToken.None, replaceOnConflict: true));
        _preloaded = new Lazy<Task<IReadOnlyDictionary<string, LlmCacheEntry>>>(LoadAllAsync);
    }

    /// <inheritdoc />
    public async ValueTask<StoredAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await _front.GetAsync(key, cancellationToken) is { } hit)
        {
            return hit;
        }

        LlmCacheEntry? entry;
        if (_preloaded.IsValueCreated)
        {
            (await _preloaded.Value.WaitAsync(cancellationToken)).TryGetValue(key, out entry);
        }
        else
        {
            await _migrator.MigrateAsync(cancellationToken);
            await using var context = await _contexts.CreateDbContextAsync(cancellationToken);
            entry = await context.LlmCache.AsNoTracking().SingleOrDefaultAsync(e => e.Key == key, cancellationToken);
        }

        if (entry is null)
        {
            return null;
        }

        var answer = LlmCacheEntries.ToAnswer(entry);
        await _front.PutAsync(answer, cancellationToken);
        return answer;
    }

    /// <inheritdoc />
    public Task PreloadAsync(CancellationToken cancellationToken) => _preloaded.Value.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        await _front.IsEmptyAsync(cancellationToken) && (await _preloaded.Value.WaitAsync(cancellationToken)).Count == 0;

    /// <inheritdoc />
    public async Task PutAsync(StoredAnswer answer, CancellationToken cancellationToken)
    {
        await _front.PutAsync(answer, cancellationToken);
        await _writer.EnqueueAsync(answer, cancellationToken);
    }

    /// <summary>Waits until every answer put so far is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<StoredAnswer?> FindSimilarAsync(string agent, CacheContext context, double threshold, CancellationToken cancellationToken)
    {
        await _migrator.MigrateAsync(cancellationToken);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.LlmCache.AsNoTracking()
            .Where(e => e.Agent == agent && e.Symbol == context.Symbol && e.Timeframe == context.Timeframe
                && e.PositionState == context.PositionState && e.DecisionTime < context.DecisionTime && e.ResponseJson != null)
            .ToListAsync(cancellationToken);

        // Answers still queued for the database are candidates too.
        return InMemoryLlmCacheStore.MostSimilar(candidates.Select(LlmCacheEntries.ToAnswer).Concat(_front.AnswersOf(agent)), context, threshold);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task<IReadOnlyDictionary<string, LlmCacheEntry>> LoadAllAsync()
    {
        await _migrator.MigrateAsync(CancellationToken.None);
        await using var context = await _contexts.CreateDbContextAsync();
        return await context.LlmCache.AsNoTracking().ToDictionaryAsync(e => e.Key, StringComparer.Ordinal);
    }
}
