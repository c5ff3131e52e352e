using CryptoFunk.Engine.Desks;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>An account's markets deciding in their grains, wherever the cluster placed them.</summary>
/// <param name="grains">Reaches the market grains.</param>
/// <param name="account">The account's name.</param>
/// <param name="orderBooks">Whether the feed hands over order books.</param>
internal sealed class GrainMarketDesks(IGrainFactory grains, string account, bool orderBooks) : IMarketDesks
{
    /// <inheritdoc />
    /// <remarks>A market grain activated anew (the first close, or its silo was lost) is opened from the account's state, then asked again.</remarks>
    public async Task<MarketVerdict> DecideAsync(MarketAsk ask, Func<MarketDeskState> state, CancellationToken cancellationToken)
    {
        var market = Market(ask.Symbol);
        if (await market.DecideAsync(ask.AsImmutable()) is { } verdict)
        {
            return verdict;
        }

        await market.OpenAsync(new MarketDeskOpening(state(), orderBooks).AsImmutable());
        return await market.DecideAsync(ask.AsImmutable())
            ?? throw new InvalidOperationException($"market grain {PaperGrainKeys.Market(account, ask.Symbol)} was opened but answered as not opened");
    }

    /// <inheritdoc />
    public Task<MarketVerdict> ConfirmAsync(MarketSymbol symbol, PortfolioExposure portfolio, CancellationToken cancellationToken) =>
        Market(symbol).ConfirmAsync(portfolio);

    private IPaperMarketGrain Market(MarketSymbol symbol) => grains.GetGrain<IPaperMarketGrain>(PaperGrainKeys.Market(account, symbol));
}
