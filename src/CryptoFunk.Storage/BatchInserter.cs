using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Storage;

/// <summary>
/// Stores a batch of rows of one entity in one transaction, bringing the schema up to date first. It serves the
/// background writers (the call log, the span store), which must go on with the next batch when one cannot be
/// stored: a failure is logged and reported, never thrown.
/// </summary>
public sealed partial class BatchInserter(IDbContextFactory<CryptoFunkDbContext> contexts, DatabaseMigrator migrator, ILogger<BatchInserter> logger)
{
    /// <summary>
    /// Inserts <paramref name="rows"/> (with <paramref name="replaceOnConflict"/>, a row replaces the stored one with
    /// the same key); false (and a warning) when the database refused them.
    /// </summary>
    public async Task<bool> TryInsertAsync<TRow>(IReadOnlyList<TRow> rows, CancellationToken cancellationToken, bool replaceOnConflict = false)
        where TRow : class
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
            await RetriableTransaction.RunAsync(
                contexts, (context, token) => BulkInsert.InsertAsync(context, typeof(TRow), rows, replaceOnConflict, token), stored: null, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException or IOException or RetryLimitExceededException)
        {
            LogInsertFailed(logger, rows.Count, typeof(TRow).Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} {Kind} rows: {Reason}")]
    private static partial void LogInsertFailed(ILogger logger, int count, string kind, string reason);
}
