using Npgsql;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database for one test, on the server named by <c>CRYPTOFUNK_TEST_POSTGRES</c> (which
/// <c>.ci/run</c> installs, starts and sets). Without it the test fails under CI and is ignored, saying why,
/// elsewhere; it never passes silently.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "CRYPTOFUNK_TEST_POSTGRES";
    private readonly string _admin;
    private readonly string _name;
    private bool _ownerCreated;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            var message = $"PostgreSQL is not available: set {Variable} to a connection string (.ci/run does)";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var name = "cf_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresDatabase(admin!, name);
    }

    /// <summary>
    /// Makes a new login role with <paramref name="password"/> (named after the database) its owner, and returns a
    /// connection string that logs in as that role, as a deployment's own user would.
    /// </summary>
    public async Task<string> OwnedByNewLoginAsync(string password)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"create role {_name} login password '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        _ownerCreated = true;
        await using (var own = new NpgsqlCommand($"alter database {_name} owner to {_name}", connection))
        {
            await own.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = _name, Password = password, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {_name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
        if (_ownerCreated)
        {
            await using var drop = new NpgsqlCommand($"drop role if exists {_name}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
