using CryptoFunk.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// A migrated, empty database for one test on the named provider: <c>sqlite</c> (a temp file) or <c>postgres</c>
/// (a fresh database on the server named by <see cref="PostgresDatabase.Variable"/>; ignored or failed without it,
/// as <see cref="PostgresDatabase"/> decides), wired through <c>AddCryptoFunkDatabase</c> like the application.
/// </summary>
internal sealed class StoreDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly ServiceProvider _services;
    private readonly TempDirectory? _directory;
    private readonly PostgresDatabase? _postgres;

    private StoreDatabase(ServiceProvider services, TempDirectory? directory, PostgresDatabase? postgres)
    {
        _services = services;
        _directory = directory;
        _postgres = postgres;
    }

    public TradingStore Store => _services.GetRequiredService<TradingStore>();

    public IDbContextFactory<CryptoFunkDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<CryptoFunkDbContext>>();

    public BatchInserter Inserter => _services.GetRequiredService<BatchInserter>();

    public DatabaseMigrator Migrator => _services.GetRequiredService<DatabaseMigrator>();

    /// <summary>Creates the database; <paramref name="sqliteOptions"/> (such as <c>Default Timeout=1</c>) is appended to a SQLite connection string.</summary>
    public static async Task<StoreDatabase> CreateAsync(string provider, string? sqliteOptions = null)
    {
        TempDirectory? directory = null;
        PostgresDatabase? postgres = null;
        string connectionString;
        if (provider == Postgres)
        {
            postgres = await PostgresDatabase.CreateAsync();
            connectionString = postgres.ConnectionString;
        }
        else
        {
            directory = new TempDirectory();
            connectionString = $"Data Source={directory.File("cf.db")}" + (sqliteOptions is null ? "" : ";" + sqliteOptions);
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddCryptoFunkDatabase(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = connectionString }).Build())
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new StoreDatabase(services, directory, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _directory?.Dispose();
    }
}
