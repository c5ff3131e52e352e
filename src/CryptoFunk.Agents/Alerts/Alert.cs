using CryptoFunk.Agents.Telemetry;

namespace CryptoFunk.Agents.Alerts;

/// <summary>
/// Something an operator should hear about at once (a trade, a fallback, an outage), built only from our own fields so
/// that no credential or provider error text can reach a webhook. What a raising point leaves out (the run, the symbol,
/// the time) is taken from the <see cref="DecisionScope"/> it is raised in.
/// </summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Message">One line saying what happened, with the numbers.</param>
public sealed record Alert(string Kind, AlertSeverity Severity, string Message)
{
    /// <summary>When it happened in the market (a backtest's simulated time); null for now.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The run it happened in.</summary>
    public string? Run { get; init; }

    /// <summary>The market it concerns.</summary>
    public string? Symbol { get; init; }

    /// <summary>How many identical alerts this one stands for (more than one once coalesced).</summary>
    public int Count { get; init; } = 1;

    /// <summary>This alert with what it leaves out taken from the current <see cref="DecisionScope"/>, its time else <paramref name="now"/>.</summary>
    public Alert InScope(DateTimeOffset now)
    {
        var scope = DecisionScope.Current;
        return this with
        {
            Run = Run ?? scope?.Run,
            Symbol = Symbol ?? scope?.Symbol,
            Time = Time ?? scope?.Time ?? now,
        };
    }
}
