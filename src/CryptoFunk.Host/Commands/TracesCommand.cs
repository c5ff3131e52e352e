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
    private readonly Argument<string> _traceId = new("trace-id") { Description = "A trace id, or a unique prefix of one." };

    public override string Path => "traces";

    protected override string Description => "Inspect the agents' stored telemetry spans.";

    protected override void AddArguments(Command command)
    {
        command.Add(_limit);
        var show = new Command("show", "Print one trace as a tree of spans.");
        show.Add(_traceId);
        show.SetAction(Reading(ShowAsync));
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

        var recent = await traces.RecentAsync(limit, cancellationToken);
        if (recent.Count == 0)
        {
            await output.WriteLineAsync("no traces stored yet: run an agent (cryptofunk agent run ...) first");
        }
        else
        {
            await output.WriteLineAsync($"{"trace",-32}  {"started (UTC)",-19}  {"spans",5}  {"ms",9}  root");
            foreach (var trace in recent)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{trace.TraceId,-32}  {trace.Root.StartTime:yyyy-MM-dd HH:mm:ss}  {trace.SpanCount,5}  {trace.Root.DurationMs,9:F1}  {trace.Root.Name}"));
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
        var attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(span.AttributesJson) ?? [];
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
}
