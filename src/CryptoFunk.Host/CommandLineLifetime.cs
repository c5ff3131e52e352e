using Microsoft.Extensions.Hosting;

namespace CryptoFunk.Host;

/// <summary>
/// The host's lifetime while it runs one command line: the command ends the run, and System.CommandLine owns Ctrl+C
/// (it cancels the command), so the host neither waits for a signal nor handles one.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
