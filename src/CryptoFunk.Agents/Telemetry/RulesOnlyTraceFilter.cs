using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoFunk.Agents.ModelPipeline;

namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// Decides, per trace, whether its spans are worth storing: a trace in which no model was asked (every answer came
/// from the rules engine as configured) and nothing failed or degraded holds nothing its agents' decision rows do not
/// (agent, source, latency, outcome), and at one decision an hour per market such traces would be the largest table.
/// Any other trace is stored whole. Spans are held until their trace qualifies or its root span ends; state hangs off
/// the root <see cref="Activity"/>, so an abandoned trace leaves nothing behind.
/// </summary>
public sealed class RulesOnlyTraceFilter
{
    private readonly ConditionalWeakTable<Activity, PendingTrace> _traces = [];

    /// <summary>The spans to store now that <paramref name="span"/> has ended: none while its trace is undecided or dropped.</summary>
    public IReadOnlyList<Activity> Admit(Activity span)
    {
        var root = span;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var trace = _traces.GetOrCreateValue(root);
        lock (trace)
        {
            if (trace.Keep)
            {
                return [span];
            }

            if (IsWorthStoring(span))
            {
                trace.Keep = true;
                var held = trace.Held;
                trace.Held = [];
                held.Add(span);
                return held;
            }

            if (ReferenceEquals(span, root) || root.IsStopped)
            {
                trace.Held = [];
                return [];
            }

            trace.Held.Add(span);
            return [];
        }
    }

    private static bool IsWorthStoring(Activity span) =>
        span.Status == ActivityStatusCode.Error
        || span.GetTagItem(GenAiAttributes.OperationName) is "chat"
        || span.GetTagItem(GenAiAttributes.Degraded) is true
        || span.GetTagItem(GenAiAttributes.ResponseSource) is string source && source != ResponseSource.Rules.Value;

    private sealed class PendingTrace
    {
        public bool Keep { get; set; }

        public List<Activity> Held { get; set; } = [];
    }
}
