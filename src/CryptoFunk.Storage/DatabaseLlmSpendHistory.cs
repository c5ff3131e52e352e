using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Storage;

/// <summary>Reads earlier spend from the call log's table.</summary>
public sealed class DatabaseLlmSpendHistory(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator) : ILlmSpendHistory
{
    /// <inheritdoc />
    public async Task<decimal> CostSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);

        // Summed here: SQLite cannot add decimals, and a day's calls are few.
        var costs = await context.LlmCalls.AsNoTracking().Where(c => c.CreatedAt >= since).Select(c => c.CostUsd).ToListAsync(cancellationToken);
        return costs.Sum();
    }
}
