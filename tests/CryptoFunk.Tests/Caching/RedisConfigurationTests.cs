using CryptoFunk.Agents.Caching;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Caching;

/// <summary>
/// <c>Llm:Cache:Redis</c> as a person meets it: a value the client cannot read stops the program with one line naming
/// the key (exit code 2), and a password in it is never printed, by <c>config show</c> or by that line.
/// </summary>
public sealed class RedisConfigurationTests
{
    private const string Password = "redis-SECRET-5151";
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    [TestCase($"127.0.0.1:6379,password={Password},bogus=1", "Keyword 'bogus' is not supported")]
    [TestCase($"127.0.0.1:6379,password={Password},connectTimeout=soon", "Keyword 'connectTimeout' requires an integer value")]
    [TestCase($"redis://:{Password}@127.0.0.1:6379", "a server is not host[:port]")]
    [TestCase($"password={Password}", "it names no server")]
    public async Task A_value_the_client_cannot_read_stops_with_one_line_naming_the_key_and_never_the_password(string value, string reason)
    {
        using var dir = new TempDirectory();

        var (exitCode, output, error) = await InProcessProgram.RunAsync(
            new Dictionary<string, string?> { ["Llm:Cache:Redis"] = value },
            "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", $"Data Source={dir.File("cf.db")}");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), error);
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("error: invalid configuration: Llm:Cache:Redis is not a StackExchange.Redis connection string").And.Contain(reason));
            Assert.That(error + output, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task Config_show_prints_the_server_without_its_password()
    {
        var (exitCode, output, error) = await InProcessProgram.RunAsync(
            new Dictionary<string, string?> { ["Llm:Cache:Redis"] = $"127.0.0.1:6379,password={Password},ssl=false" }, "config", "show");

        var row = output.Split('\n').SingleOrDefault(l => l.StartsWith("Llm:Cache:Redis ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(row, Does.Contain("127.0.0.1:6379").And.Contain("password=***"));
            Assert.That(output + error, Does.Not.Contain(Password));
        });
    }

    [TestCase("127.0.0.1:6379", "127.0.0.1:6379")]
    [TestCase($"cache.internal:6380,password={Password},ssl=true,defaultDatabase=3", "cache.internal:6380,password=***,ssl=True,defaultDatabase=3")]
    [TestCase($"not a server,password={Password}", "***")]
    public void A_connection_string_is_shown_without_its_password(string value, string shown) =>
        Assert.That(RedisConnectionString.Redact(value), Is.EqualTo(shown));
}
