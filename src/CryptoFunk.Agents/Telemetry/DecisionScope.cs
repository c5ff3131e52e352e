namespace CryptoFunk.Agents.Telemetry;

/// <summary>
/// The run, market and decision time a model call, span or alert deep in the pipeline belongs to, which the pipeline
/// does not otherwise know: the engine opens a scope around each market's decision and it flows, as logging scopes
/// and <see cref="System.Diagnostics.Activity.Current"/> do, into every agent and model call made for it.
/// </summary>
/// <param name="Run">The run deciding.</param>
/// <param name="Symbol">The market decided on.</param>
/// <param name="Time">The decision time.</param>
public sealed record DecisionScope(string Run, string Symbol, DateTimeOffset Time)
{
    private static readonly AsyncLocal<DecisionScope?> CurrentScope = new();

    /// <summary>The scope of the calling flow, or null outside any.</summary>
    public static DecisionScope? Current => CurrentScope.Value;

    /// <summary>Makes <paramref name="scope"/> current until the returned value is disposed.</summary>
    public static IDisposable Begin(DecisionScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(DecisionScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
