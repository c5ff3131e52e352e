using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// Where a session's markets decide: beside the account in one process (<see cref="LocalMarketDesks"/>), or each in
/// its own grain. The session asks every market closing at a close in parallel, then, in the markets' order, has a
/// decision confirmed again when earlier markets traded at that close; both sides run the same <see cref="MarketDesk"/>.
/// </summary>
public interface IMarketDesks
{
    /// <summary>
    /// Has <paramref name="ask"/>'s market decide; a desk not built yet (or lost with its silo) is built from
    /// <paramref name="state"/> first. The desk keeps the decision until the next ask, for <see cref="ConfirmAsync"/>.
    /// </summary>
    Task<MarketVerdict> DecideAsync(MarketAsk ask, Func<MarketDeskState> state, CancellationToken cancellationToken);

    /// <summary>Checks the market's last decision again against <paramref name="portfolio"/> (the account with the earlier markets' orders).</summary>
    /// <exception cref="InvalidOperationException">The desk holds no decision (it was lost since it decided).</exception>
    Task<MarketVerdict> ConfirmAsync(MarketSymbol symbol, PortfolioExposure portfolio, CancellationToken cancellationToken);
}
