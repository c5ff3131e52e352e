using System.CommandLine;
using System.Globalization;
using System.Text;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets.Files;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk export dataset --run ID --out FILE.jsonl</c>: one JSON line per stored decision of a run, for
/// training later models on what the agents saw, said and did and what followed, each outcome stamped with when it
/// became known. The file appears whole or not at all.
/// </summary>
internal sealed class ExportDatasetCommand(JournalQueries journal) : JournalCommand
{
    private const int DefaultHorizon = 24;
    private readonly Option<string> _run = new("--run") { Description = "The run to export (see cryptofunk runs).", Required = true };
    private readonly Option<string?> _out = OutputFileOption.Create("--out", "The JSON Lines file to write; replaced only once complete.", required: true);
    private readonly Option<int> _horizon = new("--horizon") { Description = $"Bars ahead for each decision's forward return (default {DefaultHorizon}).", DefaultValueFactory = _ => DefaultHorizon };

    public override string Path => "export dataset";

    protected override string Example => "cryptofunk export dataset --run paper-demo --out demo.jsonl";

    protected override string Description => "Write a run's decisions as JSON Lines for training: market state, votes, action, outcomes with their known times.";

    protected override void AddArguments(Command command)
    {
        foreach (var option in new Option[] { _run, _out, _horizon })
        {
            command.Add(option);
        }
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var outPath = System.IO.Path.GetFullPath(parse.GetValue(_out)!);
        var horizon = parse.GetValue(_horizon);
        if (horizon <= 0)
        {
            return await BadInputAsync(parse, $"--horizon must be a positive number of bars, not {horizon}");
        }

        var runId = parse.GetValue(_run)!;
        if (await journal.DatasetAsync(runId, horizon, cancellationToken) is not { } dataset)
        {
            return await BadInputAsync(parse, $"no run {runId} (see cryptofunk runs)");
        }

        try
        {
            await AtomicFile.WriteAsync(outPath, (stream, ct) => WriteAsync(stream, dataset, ct), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await BadInputAsync(parse, $"--out: cannot write {outPath}: {e.Message}");
        }

        var labelled = dataset.Decisions.Count(d => d.Forward is not null);
        var traded = dataset.Decisions.Count(d => d.Decision.Executed);
        await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{dataset.Decisions.Count} decisions of {runId} -> {outPath} ({labelled} with a {horizon}-bar forward return, {traded} with a closed trade)"));
        return ExitCodes.Success;
    }

    private static async Task WriteAsync(Stream stream, DecisionDataset dataset, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        foreach (var row in dataset.Decisions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(JournalJsonLines.Dataset(dataset, row));
        }
    }
}
