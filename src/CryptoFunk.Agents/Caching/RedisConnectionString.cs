using System.Net;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace CryptoFunk.Agents.Caching;

/// <summary>
/// <c>Llm:Cache:Redis</c> read once, in one place: checked at start, shown without its password, and turned into the
/// client's options with short timeouts, so a Redis that is gone costs a decision milliseconds, not seconds.
/// </summary>
public static class RedisConnectionString
{
    /// <summary>Why <paramref name="value"/> cannot be used, without echoing it (it may hold a password); null when it can.</summary>
    public static string? Problem(string value)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException e)
        {
            // The client's own sentence names the keyword and the value it refused; passwords are never refused.
            return e.Message.Split('\n')[0].Split(" (Parameter ", 2)[0];
        }

        if (options.EndPoints.Count == 0)
        {
            return "it names no server (host[:port])";
        }

        return options.EndPoints.Any(e => e is DnsEndPoint dns && Uri.CheckHostName(dns.Host) == UriHostNameType.Unknown)
            ? "a server is not host[:port] (a redis:// address is not read; write host:port,password=...)"
            : null;
    }

    /// <summary><paramref name="value"/> with its password replaced by <c>***</c>, or <c>***</c> altogether when it cannot be read.</summary>
    public static string Redact(string value)
    {
        if (Problem(value) is not null)
        {
            return "***";
        }

        var options = ConfigurationOptions.Parse(value);
        if (options.Password is not null)
        {
            options.Password = "***";
        }

        return options.ToString();
    }

    /// <summary>
    /// The client's options: what <paramref name="value"/> sets, over defaults with short timeouts; the first connection
    /// never throws (the client keeps reconnecting) and a command fails at once while no connection is up.
    /// </summary>
    public static ConfigurationOptions Options(string value)
    {
        var options = ConfigurationOptions.Parse(value);
        options.Defaults = new ShortTimeouts();
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    /// <summary>Defaults for a cache on the local network: a connection string's own <c>connectTimeout</c>, <c>syncTimeout</c> or <c>asyncTimeout</c> still win.</summary>
    private sealed class ShortTimeouts : DefaultOptionsProvider
    {
        public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(1);

        public override TimeSpan SyncTimeout => TimeSpan.FromMilliseconds(500);

        public override int ConnectRetry => 1;
    }
}
