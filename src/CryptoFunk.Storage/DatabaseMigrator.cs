using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Storage;

/// <summary>
/// Brings the database to the latest schema before anything uses it. SQLite files get write-ahead logging so the
/// parallel agents' writes do not block each other's reads, and, when new, 16 KiB pages: a decision row of about a
/// kilobyte wastes up to a fifth of a 4 KiB page, and a year of hourly decisions is stored for good.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<CryptoFunkDbContext> contexts, IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _migrated;

    /// <summary>Applies pending migrations once per process.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            if (options.Value.Provider == DatabaseProvider.Sqlite)
            {
                await context.Database.OpenConnectionAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await context.Database.MigrateAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
