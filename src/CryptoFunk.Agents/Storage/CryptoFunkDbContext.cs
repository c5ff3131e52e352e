using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Agents.Storage;

/// <summary>
/// The one database of CryptoFunk: model calls, the answer cache (and replay recordings) and telemetry spans.
/// The same model and hand-written migrations serve SQLite and PostgreSQL; times are UTC epoch milliseconds and
/// money is <see cref="decimal"/>.
/// </summary>
public sealed class CryptoFunkDbContext(DbContextOptions<CryptoFunkDbContext> options) : DbContext(options)
{
    /// <summary>Every model call.</summary>
    public DbSet<LlmCallRecord> LlmCalls => Set<LlmCallRecord>();

    /// <summary>Cached and recorded answers.</summary>
    public DbSet<LlmCacheEntry> LlmCache => Set<LlmCacheEntry>();

    /// <summary>Finished spans.</summary>
    public DbSet<SpanRecord> Spans => Set<SpanRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(28, 10);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LlmCallRecord>(call =>
        {
            call.ToTable("llm_calls");
            call.HasKey(c => c.Id);
            call.HasIndex(c => new { c.Agent, c.CreatedAt });
            call.HasIndex(c => c.CacheKey);
        });

        modelBuilder.Entity<LlmCacheEntry>(entry =>
        {
            entry.ToTable("llm_cache");
            entry.HasKey(e => e.Key);
            entry.HasIndex(e => new { e.Agent, e.Symbol, e.Timeframe, e.PositionState });
        });

        modelBuilder.Entity<SpanRecord>(span =>
        {
            span.ToTable("spans");
            span.HasKey(s => s.Id);
            span.HasIndex(s => s.TraceId);
            span.HasIndex(s => s.StartTime);
        });
    }
}
