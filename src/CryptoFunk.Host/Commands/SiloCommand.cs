using System.CommandLine;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk silo</c>: one silo of the cluster named by <c>--cluster</c>, hosting grains with this program's
/// services until Ctrl+C, then leaving gracefully. The silo is started with the host, before this command runs
/// (<see cref="ClusterCommandLine"/>); its options are configuration (<see cref="CommandLineSettings"/>), and it logs
/// one line when it has joined and one when it has left.
/// </summary>
internal sealed class SiloCommand : CliCommand
{
    /// <inheritdoc />
    public override string Path => "silo";

    /// <inheritdoc />
    protected override string Example => "cryptofunk silo --cluster \"Host=127.0.0.1;Database=cryptofunk;Username=cryptofunk;Password=...\" --port 11111 --gateway-port 30000";

    /// <inheritdoc />
    protected override string Description => "Run a silo that joins the cluster and hosts its grains until Ctrl+C.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        command.Options.Add(ClusterOption.Create());
        command.Options.Add(new Option<int?>(CommandLineSettings.SiloPort) { Description = "Port silos talk to each other on (Cluster:SiloPort, default 11111)." });
        command.Options.Add(new Option<int?>(CommandLineSettings.GatewayPort) { Description = "Port clients connect to (Cluster:GatewayPort, default 30000)." });
        command.Options.Add(new Option<string?>(CommandLineSettings.Database) { Description = "Database the grains store runs in (SQLite file or PostgreSQL); default from configuration." });
        command.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the host stops the silo as the command returns, and the silo leaves the cluster gracefully.
            }

            return ExitCodes.Success;
        });
    }
}
