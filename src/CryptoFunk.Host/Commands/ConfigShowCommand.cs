using System.CommandLine;
using CryptoFunk.Host.Configuration;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk config show</c>: the configuration in effect, each value with where it came from, secrets redacted,
/// and keys that no setting reads flagged, so a typo in a file is seen instead of silently ignored.
/// </summary>
internal sealed class ConfigShowCommand(EffectiveConfiguration configuration) : CliCommand
{
    public override string Path => "config show";

    protected override string Example => "cryptofunk config show";

    protected override string Description => "Show the effective configuration: every key, its value (secrets redacted) and its source.";

    protected override void Configure(Command command)
    {
        // Options that are configuration (CommandLineSettings) are accepted so their effect can be seen.
        command.Add(new Option<string?>(CommandLineSettings.Database) { Description = "Database connection string, as the other commands take it." });
        command.Add(new Option<string?>(CommandLineSettings.LlmMode) { Description = "live, record or replay, as the other commands take it." });
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = configuration.Settings();
            var rows = settings.Select(s => new[] { s.Key, s.Value, s.Known ? s.Origin : $"{s.Origin}; unknown key, not read" }).ToList();
            TextTable.Write(result.InvocationConfiguration.Output, ["key", "value", "source"], rows);
            var unknown = settings.Count(s => !s.Known);
            if (unknown > 0)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"warning: {unknown} configured key(s) are not read by any setting; check their spelling");
            }

            return ExitCodes.Success;
        });
    }
}
