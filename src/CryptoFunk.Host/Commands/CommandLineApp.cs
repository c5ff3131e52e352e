using System.CommandLine;

namespace CryptoFunk.Host.Commands;

/// <summary>Assembles the registered <see cref="CliCommand"/>s into one command tree and runs it.</summary>
internal sealed class CommandLineApp(IEnumerable<CliCommand> commands, CommandFailures failures)
{
    /// <summary>Exit code for a command line that cannot be parsed or whose options are invalid.</summary>
    public const int BadUsageExitCode = 2;

    private static readonly Dictionary<string, string> GroupDescriptions = new(StringComparer.Ordinal)
    {
        ["cluster"] = "Cluster: the state of the Orleans cluster that runs trading and backtest sweeps.",
        ["config"] = "Configuration: show the settings in effect and where each came from.",
        ["data"] = "Market data: download candles from the exchange.",
        ["export"] = "Export stored decisions: training data sets.",
        ["mcp"] = "Model Context Protocol: serve the market data, indicators and portfolio tools to MCP clients.",
        ["prompts"] = "Prompt files: list, show and validate the agents' YAML prompts.",
    };

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("CryptoFunk: LLM agents that decide crypto trades together; paper trading and backtests.");
        foreach (var command in commands.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            ParentOf(root, command.Path).Add(command.Create());
        }

        // A runnable command with bad options gets one error line; a group without a command still gets the full help.
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.CommandResult.Command.Action is not null)
        {
            return ReportParseErrorsAsync(parseResult, error);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return InvokeAsync(parseResult, configuration, cancellationToken);
    }

    /// <summary>Runs the command; whatever it did not handle becomes one error line (<see cref="CommandFailures"/>).</summary>
    private async Task<int> InvokeAsync(ParseResult parseResult, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await configuration.Error.WriteLineAsync("stopped before the command finished");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            return await failures.ReportAsync(e, configuration.Error);
        }
    }

    private static async Task<int> ReportParseErrorsAsync(ParseResult parseResult, TextWriter error)
    {
        var messages = string.Join("; ", parseResult.Errors.Select(e => e.Message.TrimEnd('.')));
        await error.WriteLineAsync($"error: {messages} (see --help)");
        return BadUsageExitCode;
    }

    private static Command ParentOf(RootCommand root, string path)
    {
        Command parent = root;
        foreach (var name in path.Split(' ')[..^1])
        {
            var existing = parent.Subcommands.FirstOrDefault(c => c.Name == name);
            if (existing is null)
            {
                existing = new Command(name, GroupDescriptions.GetValueOrDefault(name));
                parent.Add(existing);
            }

            parent = existing;
        }

        return parent;
    }
}
