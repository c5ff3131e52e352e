using System.Diagnostics;
using CryptoFunk.Agents.Telemetry;

namespace CryptoFunk.Host.Output;

/// <summary>
/// Follows the agents' <c>invoke_agent</c> spans (the telemetry every agent call already emits) and reports each
/// agent starting and finishing, with the market its decision is for, to the paper screen.
/// </summary>
internal sealed class AgentActivityWatcher : IDisposable
{
    private const string InvokeAgent = "invoke_agent ";

    private readonly ActivityListener _listener;

    public AgentActivityWatcher(PaperScreenState screen)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (Agent(activity) is { } agent && Symbol(activity) is { } symbol)
                {
                    screen.AgentStarted(symbol, agent);
                }
            },
            ActivityStopped = activity =>
            {
                if (Agent(activity) is { } agent && Symbol(activity) is { } symbol)
                {
                    screen.AgentFinished(
                        symbol,
                        agent,
                        activity.GetTagItem(GenAiAttributes.ResponseSource) as string,
                        activity.GetTagItem(GenAiAttributes.Degraded) is true,
                        activity.Status == ActivityStatusCode.Error);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The agent of an <c>invoke_agent NAME</c> span, read from its name (its tags are set after it starts).</summary>
    private static string? Agent(Activity activity) =>
        activity.OperationName.StartsWith(InvokeAgent, StringComparison.Ordinal) ? activity.OperationName[InvokeAgent.Length..] : null;

    /// <summary>The market of the decision the span belongs to, from the decision span above it.</summary>
    private static string? Symbol(Activity activity)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.GetTagItem(GenAiAttributes.Symbol) is string symbol)
            {
                return symbol;
            }
        }

        return null;
    }
}
