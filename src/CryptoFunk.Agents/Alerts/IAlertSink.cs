namespace CryptoFunk.Agents.Alerts;

/// <summary>
/// Where alerts are raised. <see cref="Raise"/> never blocks nor fails, so it can sit on the decision path; delivery
/// happens elsewhere and <see cref="FlushAsync"/> waits, bounded, for what was raised so far.
/// </summary>
public interface IAlertSink
{
    /// <summary>False when alerts go nowhere, so raising points can skip building them.</summary>
    bool IsEnabled { get; }

    /// <summary>Hands <paramref name="alert"/> over for delivery, completing it from the current <see cref="Telemetry.DecisionScope"/>.</summary>
    void Raise(Alert alert);

    /// <summary>Waits until everything raised before this call was delivered or given up on, within the sink's own bound.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
