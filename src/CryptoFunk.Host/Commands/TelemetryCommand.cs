using System.CommandLine;
using System.Globalization;
using CryptoFunk.Agents.Telemetry;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk telemetry [--run ID]</c>: per agent and per provider, the model calls, latency p50 and p95, tokens,
/// cost, cache hit rate, provider errors by kind and fallbacks by layer, summed from the call log (one run, or
/// everything stored).
/// </summary>
internal sealed class TelemetryCommand(TelemetryQueries telemetry) : JournalCommand
{
    private readonly Option<string?> _run = new("--run") { Description = "Only this run (a backtest id or paper-NAME, as `cryptofunk runs` lists them); default: every call stored." };

    public override string Path => "telemetry";

    protected override string Example => "cryptofunk telemetry --run paper-demo";

    protected override string Description => "Model calls per agent and provider: latency p50/p95, tokens, cost, cache hit rate, errors by kind, fallbacks by layer.";

    protected override void AddArguments(Command command) => command.Add(_run);


    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var runId = parse.GetValue(_run);
        if (await telemetry.ReportAsync(runId, cancellationToken) is not { } report)
        {
            return await BadInputAsync(parse, $"no run {runId} (see cryptofunk runs)");
        }

        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync(report.RunId is null ? "every stored model call" : $"run {report.RunId}");
        if (report.Agents.Count == 0)
        {
            await output.WriteLineAsync("no model calls stored");
            return ExitCodes.Success;
        }

        await output.WriteLineAsync();
        TextTable.Write(output, ["agent", "calls", "p50 ms", "p95 ms", "tokens in", "tokens out", "cost $", "cache hits", "errors", "fallbacks"], [.. report.Agents.Select(Cells)]);
        await output.WriteLineAsync();
        TextTable.Write(output, ["provider", "answered", "p50 ms", "p95 ms", "tokens in", "tokens out", "cost $", "errors"], [.. report.Providers.Select(r => Cells(r)[..7].Append(Counts(r.ErrorsByKind)).ToArray())]);
        return ExitCodes.Success;
    }

    private static string[] Cells(TelemetryRow row) =>
    [
        row.Name,
        row.Calls.ToString(CultureInfo.InvariantCulture),
        Milliseconds(row.LatencyP50Ms),
        Milliseconds(row.LatencyP95Ms),
        row.InputTokens.ToString(CultureInfo.InvariantCulture),
        row.OutputTokens.ToString(CultureInfo.InvariantCulture),
        row.CostUsd.ToString("0.000000", CultureInfo.InvariantCulture),
        row.CacheHitRate is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) : "-",
        Counts(row.ErrorsByKind),
        Counts(row.FallbacksByLayer),
    ];

    private static string Milliseconds(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "-" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}
