using System.CommandLine;
using CryptoFunk.Host.Reports;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk report</c>: writes the HTML report of any stored run, backtest or paper account, from the database
/// (the same page <c>backtest --report</c> writes). An unknown run or a path that cannot take the file is one error
/// line and <see cref="ExitCodes.BadInput"/>; nothing is written then.
/// </summary>
internal sealed class ReportCommand(RunReportWriter writer) : JournalCommand
{
    private const string OutOption = "--out";
    private readonly Option<string> _run = new("--run") { Description = "The stored run (see cryptofunk runs).", Required = true };
    private readonly Option<string?> _out = OutputFileOption.Create(OutOption, "The HTML file to write (self-contained, opens offline).", required: true);

    public override string Path => "report";

    protected override string Example => "cryptofunk report --run paper-demo --out demo.html";

    protected override string Description => "Write a stored run's HTML report: price with entries and exits, equity against its baselines, drawdown, agents, refusals and model cost.";

    protected override void AddArguments(Command command)
    {
        command.Add(_run);
        command.Add(_out);
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var runId = parse.GetValue(_run)!;
        var path = parse.GetValue(_out)!;
        try
        {
            if (!await writer.WriteAsync(runId, path, cancellationToken))
            {
                return await BadInputAsync(parse, $"no run {runId} is stored (see cryptofunk runs)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await BadInputAsync(parse, $"{OutOption} {path} cannot be written: {e.Message}");
        }

        await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote report of {runId} to {System.IO.Path.GetFullPath(path)}");
        return ExitCodes.Success;
    }
}
