using CryptoFunk.Engine.Desks;
using CryptoFunk.Trading.Risk;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>
/// One market of a paper account as a grain (key: <see cref="PaperGrainKeys.Market"/>): its history, plugins, decision
/// memory and the agents' invocation at each close (a <see cref="MarketDesk"/>). It decides when its account asks and
/// hands the account the decision to execute; it owns no money. Openings and asks may carry the market's whole history,
/// so they travel as <see cref="Immutable{T}"/>: not copied when the grain is on the caller's silo.
/// </summary>
public interface IPaperMarketGrain : IGrainWithStringKey
{
    /// <summary>Builds the market's desk from <paramref name="opening"/> (history and memory so far).</summary>
    Task OpenAsync(Immutable<MarketDeskOpening> opening);

    /// <summary>Decides at <paramref name="ask"/>'s close; null when this activation was never opened.</summary>
    Task<MarketVerdict?> DecideAsync(Immutable<MarketAsk> ask);

    /// <summary>Checks the last decision again against <paramref name="portfolio"/> (the account with earlier markets' orders).</summary>
    /// <exception cref="InvalidOperationException">This activation holds no decision (it was lost since it decided).</exception>
    Task<MarketVerdict> ConfirmAsync(PortfolioExposure portfolio);
}
