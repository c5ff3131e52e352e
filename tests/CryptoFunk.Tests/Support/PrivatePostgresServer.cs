using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// A PostgreSQL server of the test's own, on a free port of 127.0.0.1 in a temporary folder, which the test may stop
/// and start again as an outage would, without touching the shared server other tests use. It needs Debian's
/// PostgreSQL binaries (which <c>.ci/run</c> installs); without them the test fails under CI and is ignored elsewhere.
/// As root the server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly TempDirectory _dir;
    private readonly int _port;

    private PrivatePostgresServer(string bin, TempDirectory dir, int port)
    {
        _bin = bin;
        _dir = dir;
        _port = port;
    }

    /// <summary>A connection string to the server's <c>postgres</c> database (trust authentication, no pooling).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false;Timeout=3";

    private string Data => _dir.File("data");

    /// <summary>Creates the cluster and starts it.</summary>
    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            const string message = "PostgreSQL's binaries are not installed (/usr/lib/postgresql/*/bin/pg_ctl; .ci/run installs them)";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var dir = new TempDirectory();
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", dir.Path]);
        }

        var server = new PrivatePostgresServer(bin!, dir, FreePort());
        await server.PgAsync("initdb", ["-D", server.Data, "-A", "trust", "-U", "postgres", "--no-sync"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the stopped server and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => PgAsync("pg_ctl", [
        "-D", Data, "-l", _dir.File("server.log"), "-w", "-t", "30",
        "-o", $"-p {_port} -k {_dir.Path} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);

    /// <summary>Stops the server as an administrator would (fast: open sessions are ended), and waits until it is down.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "30", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        _dir.Dispose();
    }

    private Task PgAsync(string tool, IReadOnlyList<string> args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
