using System.CommandLine;
using CryptoFunk.Cluster.Status;
using CryptoFunk.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk cluster status</c>: the silos of the cluster named by <c>--cluster</c> (address, status, since), the
/// grains active on each by type, and the decisions stored per minute; as a table or as one JSON object. This process
/// is an Orleans client of the cluster (<see cref="ClusterCommandLine"/>).
/// </summary>
internal sealed class ClusterStatusCommand(IServiceProvider services) : CliCommand
{
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object instead of tables." };

    /// <inheritdoc />
    public override string Path => "cluster status";

    /// <inheritdoc />
    protected override string Example => "cryptofunk cluster status --cluster \"Host=127.0.0.1;Database=cryptofunk;Username=cryptofunk;Password=...\"";

    /// <inheritdoc />
    protected override string Description => "Show the cluster's silos, the grains on each and the decisions per minute.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        command.Options.Add(ClusterOption.Create());
        command.Options.Add(new Option<string?>(CommandLineSettings.Database) { Description = "Database whose stored decisions give the decision rate; default from configuration. Never created." });
        command.Options.Add(_json);
        command.SetAction(async (result, cancellationToken) =>
        {
            var report = await services.GetRequiredService<ClusterStatusReader>().ReadAsync(cancellationToken);
            var output = result.InvocationConfiguration.Output;
            await output.WriteAsync(result.GetValue(_json) ? ClusterStatusJson.Write(report) + "\n" : ClusterStatusText.Format(report));
            return ExitCodes.Success;
        });
    }
}
