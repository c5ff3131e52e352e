namespace CryptoFunk.Agents.Alerts;

/// <summary>The sink when no webhook is configured: alerts cost nothing and go nowhere.</summary>
public sealed class NullAlertSink : IAlertSink
{
    private NullAlertSink()
    {
    }

    /// <summary>The one instance.</summary>
    public static NullAlertSink Instance { get; } = new();

    /// <inheritdoc />
    public bool IsEnabled => false;

    /// <inheritdoc />
    public void Raise(Alert alert)
    {
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
