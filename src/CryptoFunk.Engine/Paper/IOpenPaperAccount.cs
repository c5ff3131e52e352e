namespace CryptoFunk.Engine.Paper;

/// <summary>
/// A paper account opened by its <see cref="IPaperAccountHost"/>, stepped one close at a time; disposing it lets go of
/// what reaching it took (a cluster's membership watch), not of the account, which is its stored journal.
/// </summary>
public interface IOpenPaperAccount : IAsyncDisposable
{
    /// <summary>
    /// Settles, decides and executes <paramref name="close"/>; returns once everything it produced is stored. Stepping
    /// the last stored close again decides only the markets not decided at it yet.
    /// </summary>
    Task<PaperStep> StepAsync(MarketClose close, CancellationToken cancellationToken);
}
