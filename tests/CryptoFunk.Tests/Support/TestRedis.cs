using StackExchange.Redis;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// The Redis named by <c>CRYPTOFUNK_TEST_REDIS</c> (which <c>.ci/run</c> installs, starts and sets), with a key prefix
/// of this test's own, so tests never see each other's answers; its keys are deleted on dispose. Without the variable
/// the test fails under CI and is ignored, saying why, elsewhere; it never passes silently.
/// </summary>
internal sealed class TestRedis : IAsyncDisposable
{
    public const string Variable = "CRYPTOFUNK_TEST_REDIS";
    private readonly ConnectionMultiplexer _connection;

    private TestRedis(string connectionString, ConnectionMultiplexer connection)
    {
        ConnectionString = connectionString;
        _connection = connection;
        Prefix = "cf-test-" + Guid.NewGuid().ToString("N")[..12] + ":";
    }

    public string ConnectionString { get; }

    /// <summary>The key prefix (<c>Llm:Cache:RedisKeyPrefix</c>) of this test.</summary>
    public string Prefix { get; }

    /// <summary>Direct access, to look at or spoil what the store wrote.</summary>
    public IDatabase Database => _connection.GetDatabase();

    /// <summary>The settings that put the answer cache in this Redis under this test's prefix.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Llm:Cache:Redis"] = ConnectionString,
        ["Llm:Cache:RedisKeyPrefix"] = Prefix,
    };

    public static async Task<TestRedis> ConnectAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Unavailable($"Redis is not available: set {Variable} to a StackExchange.Redis connection string such as 127.0.0.1:6379 (.ci/run does)");
        }

        return new TestRedis(connectionString!, await ConnectionMultiplexer.ConnectAsync(connectionString!));
    }

    /// <summary>Fails under CI, where everything a test needs is installed, and ignores the test elsewhere, saying why.</summary>
    public static void Unavailable(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>The answer key the store uses for <paramref name="key"/>.</summary>
    public RedisKey AnswerKey(string key) => Prefix + "answer:" + key;

    /// <summary>Every key under this test's prefix.</summary>
    public async Task<List<RedisKey>> KeysAsync()
    {
        var keys = new List<RedisKey>();
        foreach (var server in _connection.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        var keys = await KeysAsync();
        if (keys.Count > 0)
        {
            await Database.KeyDeleteAsync([.. keys]);
        }

        await _connection.DisposeAsync();
    }
}
