using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CryptoFunk.Storage;

/// <summary>
/// Creates contexts from options built once, without the application's service provider (EF Core's registered
/// factory resolves through it): the background writers store their last rows while the host is being disposed,
/// when that provider no longer hands anything out, and a row lost there is a lost recording or call record.
/// Contexts come from EF Core's pool: every batch of journal rows, call records or spans is written by a short-lived
/// context, and a pooled one is reset instead of building its services anew.
/// </summary>
/// <remarks>On PostgreSQL, operations wait out an outage as <paramref name="outage"/> says (by default silently, for 10 minutes).</remarks>
public sealed class CryptoFunkDbContextFactory(string connectionString, DatabaseOutage? outage = null) : IDbContextFactory<CryptoFunkDbContext>
{
    private readonly PooledDbContextFactory<CryptoFunkDbContext> _pool = new(
        (DbContextOptions<CryptoFunkDbContext>)DatabaseServiceCollectionExtensions.Configure(
            new DbContextOptionsBuilder<CryptoFunkDbContext>(), connectionString, outage ?? new DatabaseOutage()).Options);

    /// <summary>
    /// On SQLite, held around each write transaction of this process (<see cref="RetriableTransaction"/>): the journal,
    /// call log, answer and span writers then take turns in order, instead of meeting the file's write lock, where a
    /// waiting writer sleeps in SQLite's busy handler for 1, 2, 5, 10 ms and more, long after the lock came free.
    /// Other processes on the same file are still waited for by <c>busy_timeout</c>. Null on PostgreSQL, which writes
    /// concurrently.
    /// </summary>
    internal SemaphoreSlim? WriteGate { get; } = DatabaseProviders.Detect(connectionString) == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <inheritdoc />
    public CryptoFunkDbContext CreateDbContext() => _pool.CreateDbContext();

    /// <inheritdoc />
    public Task<CryptoFunkDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => _pool.CreateDbContextAsync(cancellationToken);
}
