using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Storage;

/// <summary>Registers the database: options from <c>Database</c>, a context factory, the migrator, the batch inserter, the trading store and its read-only queries.</summary>
public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Adds <see cref="CryptoFunkDbContext"/> through a factory (agents run in parallel, each with its own context).</summary>
    public static IServiceCollection AddCryptoFunkDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddSingleton(provider => new DatabaseOutage(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.OutageTimeout, provider.GetRequiredService<ILogger<DatabaseOutage>>()));
        services.AddSingleton<IDbContextFactory<CryptoFunkDbContext>>(provider => new CryptoFunkDbContextFactory(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString, provider.GetRequiredService<DatabaseOutage>()));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<BatchInserter>();
        services.AddSingleton<TradingStore>();
        services.AddSingleton<ExistingDatabase>();
        services.AddSingleton<JournalQueries>();
        return services;
    }

    /// <summary>
    /// Points <paramref name="builder"/> at the database named by <paramref name="connectionString"/>; on PostgreSQL
    /// every operation waits out an outage as <paramref name="outage"/> says.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, DatabaseOutage outage)
    {
        _ = DatabaseProviders.Detect(connectionString) switch
        {
            DatabaseProvider.PostgreSql => builder
                .UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(dependencies => new OutageRetryingExecutionStrategy(dependencies, outage)))
                .AddInterceptors(new DatabaseReachedInterceptor(outage)),
            _ => builder.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionPragmas()),
        };

        // Migrations are hand-written and provider-neutral (one set for SQLite and PostgreSQL), without a model
        // snapshot to compare against; a test compares the migrated schema with the model instead.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
