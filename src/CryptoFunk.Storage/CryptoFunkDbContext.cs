using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CryptoFunk.Storage;

/// <summary>
/// The one database of CryptoFunk: model calls, the answer cache (and replay recordings), telemetry spans, and the
/// trading journal (runs, decisions with each agent's answer, orders, fills, positions, equity).
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

    /// <summary>Backtest and paper-trading runs.</summary>
    public DbSet<TradingRunRecord> TradingRuns => Set<TradingRunRecord>();

    /// <summary>The group's decisions.</summary>
    public DbSet<TradingDecisionRecord> TradingDecisions => Set<TradingDecisionRecord>();

    /// <summary>Each agent's answer within a decision.</summary>
    public DbSet<AgentDecisionRecord> AgentDecisions => Set<AgentDecisionRecord>();

    /// <summary>Orders.</summary>
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    /// <summary>Fills.</summary>
    public DbSet<FillRecord> Fills => Set<FillRecord>();

    /// <summary>Positions, open and closed.</summary>
    public DbSet<PositionRecord> Positions => Set<PositionRecord>();

    /// <summary>Equity over time.</summary>
    public DbSet<EquitySnapshotRecord> EquitySnapshots => Set<EquitySnapshotRecord>();

    /// <summary>Baselines' equity over time, per run.</summary>
    public DbSet<BaselineEquityRecord> BaselineEquity => Set<BaselineEquityRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(28, StoredPrecision.Scale);
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
            call.HasIndex(c => c.RunId);
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

        modelBuilder.Entity<TradingRunRecord>(run =>
        {
            run.ToTable("trading_runs");
            run.HasKey(r => r.Id);
        });

        modelBuilder.Entity<TradingDecisionRecord>(decision =>
        {
            decision.ToTable("trading_decisions");
            decision.HasKey(d => d.Id);
            decision.HasIndex(d => new { d.RunId, d.Symbol, d.DecisionTime }).IsUnique();
            decision.HasIndex(d => new { d.RunId, d.OrderId });
            decision.Property(d => d.Features).HasConversion((ValueConverter)new FeatureListConverter(), FeatureListConverter.Comparer);
            decision.HasMany(d => d.Agents).WithOne().HasForeignKey(a => a.TradingDecisionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AgentDecisionRecord>(agent =>
        {
            agent.ToTable("agent_decisions");
            agent.HasKey(a => a.Id);
            agent.HasIndex(a => a.Timestamp);
            agent.HasIndex(a => new { a.Symbol, a.AgentName });
            agent.HasIndex(a => new { a.Executed, a.PnlPercent });
        });

        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => new { o.RunId, o.ClientOrderId });
            order.Property(o => o.Side).HasConversion<string>();
            order.Property(o => o.Type).HasConversion<string>();
            order.HasOne<TradingDecisionRecord>().WithMany().HasForeignKey(o => o.TradingDecisionId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<FillRecord>(fill =>
        {
            fill.ToTable("fills");
            fill.HasKey(f => new { f.RunId, f.FillId });
            fill.Property(f => f.FillId).ValueGeneratedNever();
            fill.Property(f => f.Side).HasConversion<string>();
        });

        modelBuilder.Entity<PositionRecord>(position =>
        {
            position.ToTable("positions");
            position.HasKey(p => p.Id);
            position.Property(p => p.Side).HasConversion<string>();
            position.HasIndex(p => new { p.RunId, p.Symbol, p.OpenedAt }).IsUnique();
        });

        modelBuilder.Entity<EquitySnapshotRecord>(snapshot =>
        {
            snapshot.ToTable("equity_snapshots");
            snapshot.HasKey(e => new { e.RunId, e.Time });
        });

        modelBuilder.Entity<BaselineEquityRecord>(baseline =>
        {
            baseline.ToTable("baseline_equity");
            baseline.HasKey(b => new { b.RunId, b.Baseline, b.Time });
        });
    }
}
