using CryptoFunk.Engine.Paper;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// A paper account as a grain (key: the account's name): cash, positions, open orders, the broker, the hard limits,
/// settlement, confirmation across markets and the journal. Its markets decide in their own grains
/// (<see cref="IPaperMarketGrain"/>). Whatever activation answers, the account is the one its stored journal holds.
/// </summary>
public interface IPaperAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Builds the account anew from the stored journal of its run, exactly as a continued paper run does
    /// (every stored close settled again, every stored order placed again), over <paramref name="opening"/>'s markets.
    /// The opening holds every market's whole history: <see cref="Immutable{T}"/> spares it Orleans' copy on the caller's silo.
    /// </summary>
    Task OpenAsync(Immutable<PaperAccountOpening> opening);

    /// <summary>
    /// Settles, decides and executes <paramref name="close"/> and returns once everything it produced is stored; null
    /// when this activation was never opened (a new one, on this or another silo), so the caller opens it and asks again.
    /// </summary>
    Task<PaperStep?> StepAsync(MarketClose close);
}
