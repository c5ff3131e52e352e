using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// A <c>redis-server</c> of one test's own, on a free port of 127.0.0.1 with nothing saved to disk, so the test can
/// kill it mid-run as an outage would. Needs Debian's <c>redis-server</c> (which <c>.ci/run</c> installs); without it
/// the test fails under CI and is ignored elsewhere.
/// </summary>
internal sealed class PrivateRedisServer : IDisposable
{
    private readonly Process _process;

    private readonly string? _password;

    private PrivateRedisServer(Process process, int port, string? password)
    {
        _process = process;
        _password = password;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string, with the password when the server requires one.</summary>
    public string ConnectionString => _password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={_password}";

    /// <summary>Starts a server; with <paramref name="password"/> it refuses clients that do not give it.</summary>
    public static async Task<PrivateRedisServer> StartAsync(string? password = null)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            TestRedis.Unavailable("redis-server is not installed (apt-get install redis-server; .ci/run does)");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(binary!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrivateRedisServer(process, port, password);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
                await probe.GetDatabase().PingAsync();
                return server;
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a lost host would.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
