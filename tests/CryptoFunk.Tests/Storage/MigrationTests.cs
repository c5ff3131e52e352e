using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Storage;

public sealed class MigrationTests
{
    private static async Task<SortedSet<string>> SchemaAsync(string file)
    {
        var schema = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new SqliteCommand("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and substr(name, 1, 4) <> '__EF'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var command = new SqliteCommand($"select name, type, \"notnull\", pk from pragma_table_info('{table}')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                schema.Add($"{table}.{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt32(2)} pk={reader.GetInt32(3)}");
            }
        }

        await using (var command = new SqliteCommand("select name from sqlite_master where type = 'index' and name like 'IX_%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schema.Add("index " + reader.GetString(0));
            }
        }

        return schema;
    }

    private static CryptoFunkDbContext Context(string file)
    {
        var builder = new DbContextOptionsBuilder<CryptoFunkDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, $"Data Source={file};Pooling=false", new DatabaseOutage());
        return new CryptoFunkDbContext(builder.Options);
    }

    [Test]
    public async Task Hand_written_migrations_create_exactly_the_model_schema()
    {
        using var dir = new TempDirectory();
        await using (var migrated = Context(dir.File("migrated.db")))
        {
            await migrated.Database.MigrateAsync();
        }

        await using (var created = Context(dir.File("created.db")))
        {
            await created.Database.EnsureCreatedAsync();
        }

        var fromMigrations = await SchemaAsync(dir.File("migrated.db"));
        var fromModel = await SchemaAsync(dir.File("created.db"));

        Assert.That(fromMigrations, Is.Not.Empty);
        Assert.That(fromMigrations.Except(fromModel), Is.Empty, "in the migrations but not in the model");
        Assert.That(fromModel.Except(fromMigrations), Is.Empty, "in the model but not in the migrations");
    }

    [Test]
    public async Task Migrator_applies_migrations_once_and_times_round_trip_as_utc()
    {
        using var dir = new TempDirectory();
        var options = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={dir.File("cf.db")}" });
        IDbContextFactory<CryptoFunkDbContext> factory = new FileContextFactory(dir.File("cf.db"));
        using var migrator = new DatabaseMigrator(factory, options);
        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        var when = new DateTimeOffset(2022, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));
        await using (var context = await factory.CreateDbContextAsync())
        {
            context.LlmCalls.Add(new LlmCallRecord { Agent = "technical_analysis", Source = "rules", CacheKey = "k", CreatedAt = when, CostUsd = 0.0123456789m });
            await context.SaveChangesAsync();
        }

        await using (var context = await factory.CreateDbContextAsync())
        {
            var call = await context.LlmCalls.SingleAsync(c => c.CreatedAt >= when.AddMinutes(-1) && c.CreatedAt < when.AddMinutes(1));
            Assert.That(call.CreatedAt, Is.EqualTo(when));
            Assert.That(call.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(call.CostUsd, Is.EqualTo(0.0123456789m));
        }
    }

    [TestCase("Data Source=cryptofunk.db", DatabaseProvider.Sqlite)]
    [TestCase("Host=127.0.0.1;Username=postgres;Password=postgres;Database=cf", DatabaseProvider.PostgreSql)]
    public void Detects_the_provider_from_the_connection_string(string connectionString, DatabaseProvider expected)
    {
        Assert.That(DatabaseProviders.Detect(connectionString), Is.EqualTo(expected));
    }

    [Test]
    public void Redacts_passwords()
    {
        var redacted = DatabaseProviders.Redact("Host=127.0.0.1;Username=postgres;Password=s3cret-pw");
        Assert.That(redacted, Does.Not.Contain("s3cret-pw"));
        Assert.That(redacted, Does.Contain("***"));
    }

    [Test]
    public void Refuses_a_connection_string_that_names_no_database()
    {
        Assert.That(() => DatabaseProviders.Detect("Timeout=5"), Throws.ArgumentException.With.Message.Contains("neither"));
    }

    private sealed class FileContextFactory(string file) : IDbContextFactory<CryptoFunkDbContext>
    {
        public CryptoFunkDbContext CreateDbContext() => Context(file);
    }
}
