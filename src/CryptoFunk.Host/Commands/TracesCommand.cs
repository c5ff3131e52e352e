using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk traces [--limit N] [--db CONNECTION]</c> lists recent agent traces; <c>cryptofunk traces show ID</c>
/// prints one as a tree with durations, sources, tokens and costs: the agents' telemetry, readable without a collector.
/// </summary>
internal sealed class TracesCommand(TraceQueries traces) : JournalCommand
{
    private readonly Option<int> _limit = new("--limit") { Description = "How many traces to list.", DefaultValueFactory = _ => 20 };
    private readonly Option<string?> _run = new("--run") { Description = "Only the decisions of this run (a backtest id or paper-NAME, as `cryptofunk runs` lists them)." };
    private readonly Option<string?> _from = new("--from") { Description = "Only decisions at or after this decision time (a date or ISO-8601 date-time, UTC)." };
    private readonly Option<string?> _to = new("--to") { Description = "Only decisions before this decision time." };
    private readonly Argument<string> _traceId = new("trace-id") { Description = "A trace id, or a unique prefix of one." };

    public override string Path => "traces";

    protected override string Example => "cryptofunk traces --run paper-demo --from 2021-01-10 --to 2021-01-11";

    protected override string Description => "Inspect the agents' stored telemetry spans.";

    protected override void AddArguments(Command command)
    {
        command.Add(_limit);

        command.Add(_run);
        command.Add(_from);
        command.Add(_to);
        var show = new Command("show", "Print one trace as a tree of spans.");
        show.Add(_traceId);
        show.SetAction(ShowAsync);
        command.Add(show);
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var limit = parse.GetValue(_limit);
        if (limit <= 0)
        {
            return await BadInputAsync(parse, $"--limit must be a positive number of traces, was {limit}");
        }

        if (!TryTime(parse, _from, out var from, out var problem) || !TryTime(parse, _to, out var to, out problem))
        {
            return await BadInputAsync(parse, problem!);
        }

        var filter = new TraceFilter(parse.GetValue(_run), from, to);
        var recent = await traces.RecentAsync(limit, filter, cancellationToken);
        if (recent.Count == 0)
        {
            await output.WriteLineAsync(filter.IsEmpty ? "no traces stored yet: run an agent (cryptofunk agent run ...) first" : "no stored trace matches");
        }
        else
        {
            await output.WriteLineAsync($"{"trace",-32}  {"started (UTC)",-19}  {"spans",5}  {"ms",9}  decision (or root span)");
            foreach (var trace in recent)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{trace.TraceId,-32}  {trace.Root.StartTime:yyyy-MM-dd HH:mm:ss}  {trace.SpanCount,5}  {trace.Root.DurationMs,9:F1}  {Shorten(trace.Decision ?? trace.Root.Name)}"));
            }
        }

        // Spans a run could not store are reported where its traces are read, so missing traces are never a mystery.
        foreach (var run in await traces.RunsWithDroppedSpansAsync(limit, cancellationToken))
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: run {run.Id} (started {run.StartedAt:yyyy-MM-dd HH:mm:ss}) dropped {run.SpansDropped} spans (span buffer full); its traces are incomplete"));
        }

        return ExitCodes.Success;
    }

    private async Task<int> ShowAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(_traceId)!;
        var spans = await traces.TraceAsync(id, cancellationToken);
        if (spans.Count == 0)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: no single trace matches '{id}'");
            return ExitCodes.BadInput;
        }

        var children = spans.ToLookup(s => s.ParentSpanId ?? string.Empty);
        var known = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var output = parse.InvocationConfiguration.Output;
        foreach (var root in spans.Where(s => s.ParentSpanId is null || !known.Contains(s.ParentSpanId)))
        {
            await WriteAsync(output, root, children, 0);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteAsync(TextWriter output, SpanRecord span, ILookup<string, SpanRecord> children, int depth)
    {
        var attributes = TraceSummary.Attributes(span);
        var details = new[]
            {
                GenAiAttributes.ResponseSource, GenAiAttributes.RequestModel, GenAiAttributes.UsageInputTokens,
                GenAiAttributes.UsageOutputTokens, GenAiAttributes.CostUsd, GenAiAttributes.PromptVersion, GenAiAttributes.Degraded,
            }
            .Where(k => attributes.GetValueOrDefault(k) is not null)
            .Select(k => $"{k.Split('.')[^1]}={attributes[k]}");
        var status = span.Status == "Error" ? $" ERROR {span.StatusDescription}" : string.Empty;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{new string(' ', depth * 2)}{span.Name}  {span.DurationMs:F1} ms  {string.Join(' ', details)}{status}"));
        foreach (var child in children[span.SpanId])
        {
            await WriteAsync(output, child, children, depth + 1);
        }
    }

    /// <summary>The time given with <paramref name="option"/>, null when it was not given; false with the problem when it is malformed.</summary>
    private static bool TryTime(ParseResult parse, Option<string?> option, out DateTimeOffset? time, out string? problem)
    {
        time = null;
        problem = null;
        if (parse.GetValue(option) is not { } text)
        {
            return true;
        }

        if (!UtcTimeArgument.TryParse(option.Name, text, out var parsed, out problem))
        {
            return false;
        }

        time = parsed;
        return true;
    }

    /// <summary>One line per trace: a long reason is cut, `explain` shows it whole.</summary>
    private static string Shorten(string text) => text.Length <= 110 ? text : text[..107] + "...";
}
