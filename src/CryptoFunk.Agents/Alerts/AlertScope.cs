namespace CryptoFunk.Agents.Alerts;

/// <summary>
/// The run, market and decision time an alert raised deep in the model pipeline belongs to, which the pipeline does
/// not know: the engine opens a scope around each market's decision and it flows, as logging scopes do, into every
/// agent and model call made for it.
/// </summary>
/// <param name="Run">The run deciding.</param>
/// <param name="Symbol">The market decided on.</param>
/// <param name="Time">The decision time.</param>
public sealed record AlertScope(string Run, string Symbol, DateTimeOffset Time)
{
    private static readonly AsyncLocal<AlertScope?> CurrentScope = new();

    /// <summary>The scope of the calling flow, or null outside any.</summary>
    public static AlertScope? Current => CurrentScope.Value;

    /// <summary>Makes <paramref name="scope"/> current until the returned value is disposed.</summary>
    public static IDisposable Begin(AlertScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    /// <summary><paramref name="alert"/> with what it leaves out taken from the current scope, its time else <paramref name="now"/>.</summary>
    public static Alert Complete(Alert alert, DateTimeOffset now)
    {
        var scope = Current;
        return alert with
        {
            Run = alert.Run ?? scope?.Run,
            Symbol = alert.Symbol ?? scope?.Symbol,
            Time = alert.Time ?? scope?.Time ?? now,
        };
    }

    private sealed class Restore(AlertScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
